package com.servicedesk.fieldservice.web;

import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderStatus;
import com.servicedesk.fieldservice.command.AssignTechnicianCommand;
import com.servicedesk.fieldservice.command.CancelServiceOrderCommand;
import com.servicedesk.fieldservice.command.CompleteServiceOrderCommand;
import com.servicedesk.fieldservice.command.DispatchTechnicianCommand;
import com.servicedesk.fieldservice.command.RecordArrivalCommand;
import com.servicedesk.fieldservice.command.RequestSparePartCommand;
import com.servicedesk.fieldservice.command.ShipSparePartCommand;
import com.servicedesk.fieldservice.command.SignOffServiceOrderCommand;
import com.servicedesk.fieldservice.command.SubmitServiceReportCommand;
import com.servicedesk.fieldservice.command.VerifyFaultCommand;
import com.servicedesk.fieldservice.query.ServiceOrderQuery;
import com.servicedesk.fieldservice.query.ServiceOrderStatistics;
import com.servicedesk.platform.audit.EventHistory;
import com.servicedesk.platform.axon.CommandDispatcher;
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

/**
 * The service order's API (API.md, Service orders). Orders are opened by intake's field-service requests, never here.
 * Commands answer {@code {serviceOrderId, version}}; the correlation id of every event is the order's complaint.
 */
@RestController
// JSON answers only, for the commands too: an Accept the answer cannot meet is refused (406) before the command runs,
// not after it has changed the order
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceOrderController {
    private static final String ORDERS = "/api/v1/service-orders";

    private final CommandDispatcher commands;
    private final EventStore eventStore;
    private final ServiceOrderQuery orders;
    private final ServiceOrderStatistics statistics;
    private final EventHistory history;

    public ServiceOrderController(CommandDispatcher commands, EventStore eventStore, ServiceOrderQuery orders,
                                  ServiceOrderStatistics statistics, EventHistory history) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.orders = orders;
        this.statistics = statistics;
        this.history = history;
    }

    @GetMapping(path = ORDERS, produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> list(@RequestParam(required = false) String complaintId,
                                    @RequestParam(required = false) ServiceOrderStatus status,
                                    @RequestParam(required = false) String technicianId,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return orders.list(complaintId, status, technicianId, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    @GetMapping(path = ORDERS + "/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> statistics() {
        return statistics.compute();
    }

    @GetMapping(path = ORDERS + "/{serviceOrderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> get(@PathVariable String serviceOrderId) {
        return orders.byId(serviceOrderId).orElseThrow(() -> new NotFoundException("Service order", serviceOrderId));
    }

    @GetMapping(path = "/api/v1/dispatch-queue", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> dispatchQueue(@RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "50") int size) {
        return orders.dispatchQueue(Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    @PostMapping(path = ORDERS + "/{id}/assignment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('DISPATCHER')")
    public Map<String, Object> assign(@PathVariable String id, @RequestBody ServiceOrderRequests.Assign request) {
        return changed(id, new AssignTechnicianCommand(id, request.technicianId(), request.plannedVisitAt()));
    }

    @PostMapping(path = ORDERS + "/{id}/dispatch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('DISPATCHER')")
    public Map<String, Object> dispatch(@PathVariable String id, @RequestBody ServiceOrderRequests.Dispatch request) {
        return changed(id, new DispatchTechnicianCommand(id, request.taskBrief()));
    }

    @PostMapping(path = ORDERS + "/{id}/arrival", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('TECHNICIAN')")
    public Map<String, Object> arrive(@PathVariable String id, @RequestBody ServiceOrderRequests.Arrival request) {
        return changed(id, new RecordArrivalCommand(id, request.arrivedAt()));
    }

    /** Answers the billing the warranty rule decided, with its reason and the warranty's last day. */
    @PostMapping(path = ORDERS + "/{id}/fault-verification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('TECHNICIAN')")
    public Map<String, Object> verifyFault(@PathVariable String id, @RequestBody ServiceOrderRequests.FaultVerification request) {
        Map<String, Object> body = changed(id, new VerifyFaultCommand(id, request.faultConfirmed(), request.description(),
                request.cause(), request.witnessedBy(), request.deliveryDate()));
        FaultVerifiedEvent verified = (FaultVerifiedEvent) eventStore.readEvents(id, (Long) body.get("version")).next().getPayload();
        body.put("billing", verified.billing());
        body.put("billingReason", verified.billingReason());
        body.put("warrantyEndsOn", verified.warrantyEndsOn());
        return body;
    }

    @PostMapping(path = ORDERS + "/{id}/spare-parts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('TECHNICIAN')")
    public ResponseEntity<Map<String, Object>> requestPart(@PathVariable String id, @RequestBody ServiceOrderRequests.SparePart request) {
        String partRequestId = UUID.randomUUID().toString();
        Map<String, Object> body = changed(id, new RequestSparePartCommand(id, partRequestId, request.partNumber(), request.quantity()));
        body.put("partRequestId", partRequestId);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(ORDERS + "/" + id)).body(body);
    }

    @PostMapping(path = ORDERS + "/{id}/spare-parts/{partRequestId}/shipment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('DISPATCHER')")
    public Map<String, Object> ship(@PathVariable String id, @PathVariable String partRequestId,
                                    @RequestBody ServiceOrderRequests.Shipment request) {
        Map<String, Object> body = changed(id, new ShipSparePartCommand(id, partRequestId, request.carrier(), request.trackingNumber()));
        body.put("partRequestId", partRequestId);
        return body;
    }

    @PostMapping(path = ORDERS + "/{id}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('TECHNICIAN')")
    public Map<String, Object> complete(@PathVariable String id, @RequestBody ServiceOrderRequests.Completion request) {
        return changed(id, new CompleteServiceOrderCommand(id, request.workPerformed(), request.result()));
    }

    @PostMapping(path = ORDERS + "/{id}/sign-off", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('TECHNICIAN')")
    public Map<String, Object> signOff(@PathVariable String id, @RequestBody ServiceOrderRequests.SignOff request) {
        return changed(id, new SignOffServiceOrderCommand(id, request.signedBy(), request.comments()));
    }

    @PostMapping(path = ORDERS + "/{id}/report", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('TECHNICIAN')")
    public Map<String, Object> report(@PathVariable String id, @RequestBody ServiceOrderRequests.Report request) {
        return changed(id, new SubmitServiceReportCommand(id, request.summary(), request.qualityFindings()));
    }

    @PostMapping(path = ORDERS + "/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('DISPATCHER')")
    public Map<String, Object> cancel(@PathVariable String id, @RequestBody ServiceOrderRequests.Cancellation request) {
        return changed(id, new CancelServiceOrderCommand(id, request.reason()));
    }

    /** The order's complaint (its opening's correlation) is the correlation id of what the command causes. */
    private Map<String, Object> changed(String serviceOrderId, Object command) {
        long version = commands.send(command, history.correlationIdOf("Service order", serviceOrderId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serviceOrderId", serviceOrderId);
        body.put("version", version);
        return body;
    }
}
