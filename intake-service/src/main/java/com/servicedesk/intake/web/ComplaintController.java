package com.servicedesk.intake.web;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Region;
import com.servicedesk.intake.command.RegisterComplaintCommand;
import com.servicedesk.intake.query.ComplaintQuery;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/complaints", produces = MediaType.APPLICATION_JSON_VALUE)
public class ComplaintController {
    private final CommandDispatcher commands;
    private final EventStore eventStore;
    private final ComplaintQuery complaints;

    public ComplaintController(CommandDispatcher commands, EventStore eventStore, ComplaintQuery complaints) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.complaints = complaints;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public ResponseEntity<Map<String, Object>> register(@RequestBody RegisterComplaintRequest request) {
        String complaintId = UUID.randomUUID().toString();
        commands.send(new RegisterComplaintCommand(complaintId, request.customerId(), request.customerName(),
                request.contact(), request.channel(), request.productModel(), request.serialNumber(),
                request.deliveryDate(), request.category(), request.severity(), request.region(),
                request.description(), request.receivedAt(), request.replyRequestedBy()), complaintId);

        // the deadlines are the aggregate's to compute: answer with what it stored
        DomainEventMessage<?> registered = eventStore.readEvents(complaintId).next();
        ComplaintRegisteredEvent event = (ComplaintRegisteredEvent) registered.getPayload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complaintId", complaintId);
        body.put("status", ComplaintStatus.REGISTERED);
        body.put("version", registered.getSequenceNumber());
        body.put("sla", Map.of("acknowledgeDueAt", event.acknowledgeDueAt(), "replyDueAt", event.replyDueAt()));
        return ResponseEntity.created(URI.create("/api/v1/complaints/" + complaintId)).body(body);
    }

    @GetMapping("/{complaintId}")
    public Map<String, Object> get(@PathVariable String complaintId) {
        return complaints.byId(complaintId).orElseThrow(() -> new NotFoundException("Complaint", complaintId));
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) ComplaintStatus status,
                                    @RequestParam(required = false) Region region,
                                    @RequestParam(required = false) ComplaintCategory category,
                                    @RequestParam(required = false) String customerId,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return complaints.list(status, region, category, customerId, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }
}
