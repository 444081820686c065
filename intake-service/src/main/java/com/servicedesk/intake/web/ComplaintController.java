package com.servicedesk.intake.web;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.intake.command.AcknowledgeComplaintCommand;
import com.servicedesk.intake.command.ClassifyComplaintCommand;
import com.servicedesk.intake.command.CloseComplaintCommand;
import com.servicedesk.intake.command.ComplaintRegistration;
import com.servicedesk.intake.command.RecordProductReturnCommand;
import com.servicedesk.intake.command.RegisterComplaintCommand;
import com.servicedesk.intake.command.RejectComplaintCommand;
import com.servicedesk.intake.command.ReopenComplaintCommand;
import com.servicedesk.intake.command.ReplyToCustomerCommand;
import com.servicedesk.intake.command.RequestFieldServiceCommand;
import com.servicedesk.intake.command.VerifyComplaintCommand;
import com.servicedesk.intake.query.ComplaintQuery;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.idempotency.Idempotent;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
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
    @Idempotent
    public ResponseEntity<Map<String, Object>> register(@RequestBody RegisterComplaintRequest request) {
        String complaintId = UUID.randomUUID().toString();
        // the deadlines are the aggregate's to compute: it answers them
        ComplaintRegistration registered = commands.send(new RegisterComplaintCommand(complaintId, request.customerId(),
                request.customerName(), request.contact(), request.channel(), request.productModel(), request.serialNumber(),
                request.deliveryDate(), request.category(), request.severity(), request.region(),
                request.description(), request.receivedAt(), request.replyRequestedBy()), complaintId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complaintId", registered.complaintId());
        body.put("status", ComplaintStatus.REGISTERED);
        body.put("version", registered.version());
        body.put("sla", Map.of("acknowledgeDueAt", registered.acknowledgeDueAt(), "replyDueAt", registered.replyDueAt()));
        return ResponseEntity.created(URI.create("/api/v1/complaints/" + complaintId)).body(body);
    }

    /** The body is optional; when there is one it must be JSON (a wildcard Content-Type was a 500, not a 415). */
    @PostMapping(path = "/{complaintId}/acknowledgement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public Map<String, Object> acknowledge(@PathVariable String complaintId,
                                           @RequestBody(required = false) ComplaintRequests.Acknowledge request) {
        return changed(complaintId, new AcknowledgeComplaintCommand(complaintId, request == null ? null : request.note()));
    }

    @PostMapping(path = "/{complaintId}/classification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public Map<String, Object> classify(@PathVariable String complaintId, @RequestBody ComplaintRequests.Classify request) {
        return changed(complaintId, new ClassifyComplaintCommand(complaintId, request.category(), request.severity()));
    }

    @PostMapping(path = "/{complaintId}/field-service-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public ResponseEntity<Map<String, Object>> requestFieldService(@PathVariable String complaintId,
                                                                   @RequestBody ComplaintRequests.RequestFieldService request) {
        String requestId = UUID.randomUUID().toString();
        long version = commands.send(new RequestFieldServiceCommand(complaintId, requestId, request.reason()), complaintId);
        FieldServiceRequestedEvent requested = (FieldServiceRequestedEvent) eventStore.readEvents(complaintId, version).next().getPayload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complaintId", complaintId);
        body.put("requestId", requestId);
        body.put("onSiteDueAt", requested.onSiteDueAt());
        body.put("version", version);
        return ResponseEntity.accepted().body(body);
    }

    @PostMapping(path = "/{complaintId}/verification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> verify(@PathVariable String complaintId, @RequestBody ComplaintRequests.Verify request) {
        return changed(complaintId, new VerifyComplaintCommand(complaintId, request.companyResponsible(),
                request.confirmedCategory(), request.findings()));
    }

    @PostMapping(path = "/{complaintId}/reply", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public Map<String, Object> reply(@PathVariable String complaintId, @RequestBody ComplaintRequests.Reply request) {
        return changed(complaintId, new ReplyToCustomerCommand(complaintId, request.method(), request.message()));
    }

    @PostMapping(path = "/{complaintId}/returns", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public ResponseEntity<Map<String, Object>> recordReturn(@PathVariable String complaintId,
                                                            @RequestBody ComplaintRequests.ProductReturn request) {
        String returnId = UUID.randomUUID().toString();
        Map<String, Object> body = changed(complaintId, new RecordProductReturnCommand(complaintId, returnId,
                request.quantity(), request.reason()));
        body.put("returnId", returnId);
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @PostMapping(path = "/{complaintId}/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public Map<String, Object> close(@PathVariable String complaintId, @RequestBody ComplaintRequests.Close request) {
        return changed(complaintId, new CloseComplaintCommand(complaintId, request.resolutionSummary()));
    }

    @PostMapping(path = "/{complaintId}/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public Map<String, Object> reject(@PathVariable String complaintId, @RequestBody ComplaintRequests.Reason request) {
        return changed(complaintId, new RejectComplaintCommand(complaintId, request.reason()));
    }

    @PostMapping(path = "/{complaintId}/reopening", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    public Map<String, Object> reopen(@PathVariable String complaintId, @RequestBody ComplaintRequests.Reason request) {
        return changed(complaintId, new ReopenComplaintCommand(complaintId, request.reason()));
    }

    private Map<String, Object> changed(String complaintId, Object command) {
        long version = commands.send(command, complaintId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complaintId", complaintId);
        body.put("version", version);
        return body;
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
                                    @RequestParam(required = false) ClockState slaState,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return complaints.list(status, region, category, customerId, slaState, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }
}
