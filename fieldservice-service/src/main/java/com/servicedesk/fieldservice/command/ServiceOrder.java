package com.servicedesk.fieldservice.command;

import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCancelledEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderSignedOffEvent;
import com.servicedesk.events.fieldservice.ServiceOrderStatus;
import com.servicedesk.events.fieldservice.ServiceReportAtRiskEvent;
import com.servicedesk.events.fieldservice.ServiceReportOverdueEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.SparePartRequestedEvent;
import com.servicedesk.events.fieldservice.SparePartShippedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.fieldservice.TechnicianAssignedEvent;
import com.servicedesk.events.fieldservice.TechnicianDispatchedEvent;
import com.servicedesk.events.intake.Region;
import com.servicedesk.platform.deadline.DeadlineStage;
import com.servicedesk.platform.validation.Violations;
import com.servicedesk.platform.web.IllegalTransitionException;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static com.servicedesk.events.fieldservice.ServiceOrderStatus.ASSIGNED;
import static com.servicedesk.events.fieldservice.ServiceOrderStatus.COMPLETED;
import static com.servicedesk.events.fieldservice.ServiceOrderStatus.DISPATCHED;
import static com.servicedesk.events.fieldservice.ServiceOrderStatus.FAULT_VERIFIED;
import static com.servicedesk.events.fieldservice.ServiceOrderStatus.ON_SITE;
import static com.servicedesk.events.fieldservice.ServiceOrderStatus.SIGNED_OFF;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A technician's visit for one field-service request (DOMAIN.md, Service order), from the dispatch queue to the signed
 * service report: {@code OPEN → ASSIGNED → DISPATCHED → ON_SITE → FAULT_VERIFIED → COMPLETED → SIGNED_OFF → REPORTED},
 * or {@code CANCELLED} before completion. Decisions where the procedure is silent:
 * <ul>
 *   <li>Reassignment is allowed until arrival; after dispatch it sends the order back to ASSIGNED, because the new
 *       technician leaves with a brief of their own.</li>
 *   <li>Spare parts are requested once the fault is verified (the fault decides what is needed and who pays) and until
 *       the report is in; several per order. A part is shipped once.</li>
 *   <li>The service report is filed after the customer's sign-off: it carries the customer's acceptance. A customer
 *       who refuses to sign is recorded as a sign-off whose comments say so.</li>
 *   <li>Cancellation is possible until the work is completed; shipments of parts already requested are then refused.</li>
 * </ul>
 * Every command of the REST API returns the new version; the watch's command says whether it raised an event.
 */
@Aggregate
public class ServiceOrder {
    /** An arrival up to this much ahead of our clock is "now" (the technician's phone clock); later is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    @AggregateIdentifier
    private String serviceOrderId;
    private ServiceOrderStatus status;
    private long version;
    private String complaintId;
    private String requestId;
    private String customerId;
    private String productModel;
    private String serialNumber;
    private LocalDate deliveryDate;
    private Region region;
    private Instant receivedAt;
    private Instant onSiteDueAt;
    private String technicianId;
    private Instant plannedVisitAt;
    private boolean faultConfirmed;
    private FaultCause cause;
    private Billing billing;
    private Instant reportDueAt;
    private boolean reportAtRiskRaised;
    private boolean reportOverdueRaised;
    private Instant completedAt;
    private final Map<String, PartRequest> parts = new HashMap<>();

    private record PartRequest(String partNumber, int quantity, boolean shipped) {
    }

    protected ServiceOrder() {
        // for Axon
    }

    @CommandHandler
    public ServiceOrder(OpenServiceOrderCommand c) {
        new Violations().requiredText("serviceOrderId", c.serviceOrderId(), 100)
                .requiredText("complaintId", c.complaintId(), 100)
                .requiredText("requestId", c.requestId(), 100)
                .required("severity", c.severity())
                .required("region", c.region())
                .required("receivedAt", c.receivedAt())
                .required("onSiteDueAt", c.onSiteDueAt())
                .throwIfAny();
        apply(new ServiceOrderOpenedEvent(c.serviceOrderId(), c.complaintId(), c.requestId(), c.reason(), c.customerId(),
                c.customerName(), c.contact(), c.productModel(), c.serialNumber(), c.deliveryDate(), c.region(),
                c.category(), c.severity(), c.receivedAt(), c.onSiteDueAt()));
    }

    @CommandHandler
    public long handle(AssignTechnicianCommand command) {
        new Violations().requiredText("technicianId", command.technicianId(), 64)
                .required("plannedVisitAt", command.plannedVisitAt()).throwIfAny();
        require(status.awaitingDispatch() || status == DISPATCHED, "assign a technician",
                "a technician can be (re)assigned only until arrival on site");
        String technician = command.technicianId().trim();
        if (!technician.equals(technicianId) || !command.plannedVisitAt().equals(plannedVisitAt)) {
            apply(new TechnicianAssignedEvent(serviceOrderId, complaintId, technician, command.plannedVisitAt(), technicianId));
        }
        return version;
    }

    @CommandHandler
    public long handle(DispatchTechnicianCommand command) {
        new Violations().requiredText("taskBrief", command.taskBrief(), 4000).throwIfAny();
        require(status == ASSIGNED, "dispatch", status == ServiceOrderStatus.OPEN
                ? "assign a technician first" : "only an assigned, not yet dispatched order is dispatched");
        apply(new TechnicianDispatchedEvent(serviceOrderId, complaintId, technicianId, command.taskBrief().trim()));
        return version;
    }

    @CommandHandler
    public long handle(RecordArrivalCommand command, Clock clock) {
        new Violations().required("arrivedAt", command.arrivedAt())
                .notAfter("arrivedAt", command.arrivedAt(), clock.instant().plus(CLOCK_SKEW))
                .check(command.arrivedAt() == null || !command.arrivedAt().isBefore(receivedAt), "arrivedAt",
                        "must not be before the complaint was received (" + receivedAt + ")")
                .throwIfAny();
        require(status == DISPATCHED, "record the arrival", "the technician must be dispatched first");
        apply(new TechnicianArrivedEvent(serviceOrderId, complaintId, requestId, technicianId, region, command.arrivedAt(),
                onSiteDueAt, !command.arrivedAt().isAfter(onSiteDueAt)));
        return version;
    }

    @CommandHandler
    public long handle(VerifyFaultCommand command, FieldServicePolicy policy, Clock clock) {
        new Violations().required("faultConfirmed", command.faultConfirmed())
                .requiredText("description", command.description(), 4000)
                .required("cause", command.cause())
                .requiredText("witnessedBy", command.witnessedBy(), 100)
                .notAfter("deliveryDate", command.deliveryDate(), policy.localDate(clock.instant()))
                .throwIfAny();
        require(status == ON_SITE, "verify the fault", "the fault is verified on site, once, after arrival");
        LocalDate delivered = deliveryDate != null ? deliveryDate : command.deliveryDate();
        FieldServicePolicy.WarrantyDecision warranty = policy.warranty(delivered, receivedAt, command.cause());
        apply(new FaultVerifiedEvent(serviceOrderId, complaintId, command.faultConfirmed(), command.description().trim(),
                command.cause(), command.witnessedBy().trim(), delivered, warranty.warrantyEndsOn(), warranty.billing(),
                warranty.reason()));
        return version;
    }

    @CommandHandler
    public long handle(RequestSparePartCommand command) {
        new Violations().requiredText("partNumber", command.partNumber(), 64)
                .required("quantity", command.quantity()).positive("quantity", command.quantity())
                .check(command.quantity() == null || command.quantity() <= 10_000, "quantity", "must be at most 10000")
                .throwIfAny();
        require(status == FAULT_VERIFIED || status == COMPLETED || status == SIGNED_OFF, "request a spare part",
                "parts are requested after the fault is verified and until the report is in");
        apply(new SparePartRequestedEvent(serviceOrderId, complaintId, command.partRequestId(), command.partNumber().trim(),
                command.quantity(), billing));
        return version;
    }

    @CommandHandler
    public long handle(ShipSparePartCommand command) {
        new Violations().requiredText("carrier", command.carrier(), 100)
                .requiredText("trackingNumber", command.trackingNumber(), 100).throwIfAny();
        PartRequest part = parts.get(command.partRequestId());
        if (part == null) {
            throw new NotFoundException("Spare-part request", command.partRequestId());
        }
        require(status != ServiceOrderStatus.CANCELLED, "ship a spare part", "the order was cancelled");
        require(!part.shipped(), "ship spare part " + command.partRequestId(), "it was shipped already");
        apply(new SparePartShippedEvent(serviceOrderId, complaintId, command.partRequestId(), part.partNumber(), part.quantity(),
                command.carrier().trim(), command.trackingNumber().trim()));
        return version;
    }

    @CommandHandler
    public long handle(CompleteServiceOrderCommand command, FieldServicePolicy policy, Clock clock) {
        new Violations().requiredText("workPerformed", command.workPerformed(), 4000)
                .required("result", command.result()).throwIfAny();
        require(status == FAULT_VERIFIED, "complete it", "the fault must be verified with the customer first");
        Instant now = clock.instant();
        apply(new ServiceOrderCompletedEvent(serviceOrderId, complaintId, requestId, command.workPerformed().trim(),
                command.result(), now, policy.reportDueAt(now)));
        return version;
    }

    @CommandHandler
    public long handle(SignOffServiceOrderCommand command) {
        new Violations().requiredText("signedBy", command.signedBy(), 100)
                .maxLength("comments", command.comments(), 4000).throwIfAny();
        require(status == COMPLETED, "record the sign-off", "the customer signs off completed work, once");
        apply(new ServiceOrderSignedOffEvent(serviceOrderId, complaintId, command.signedBy().trim(), blankToNull(command.comments())));
        return version;
    }

    @CommandHandler
    public long handle(SubmitServiceReportCommand command, Clock clock) {
        new Violations().requiredText("summary", command.summary(), 8000)
                .maxLength("qualityFindings", command.qualityFindings(), 8000).throwIfAny();
        require(status == SIGNED_OFF, "submit the report",
                status == COMPLETED ? "the customer's sign-off comes first" : "the report follows the signed-off work, once");
        apply(new ServiceReportSubmittedEvent(serviceOrderId, complaintId, customerId, productModel, serialNumber,
                faultConfirmed, cause, command.summary().trim(), blankToNull(command.qualityFindings()), reportDueAt,
                clock.instant().isAfter(reportDueAt)));
        return version;
    }

    @CommandHandler
    public long handle(CancelServiceOrderCommand command) {
        new Violations().requiredText("reason", command.reason(), 2000).throwIfAny();
        require(status.inProgress(), "cancel it", "completed work cannot be cancelled");
        apply(new ServiceOrderCancelledEvent(serviceOrderId, complaintId, requestId, command.reason().trim()));
        return version;
    }

    /** @return whether this raised the event: false when the report is in, was flagged before, or its time has not come */
    @CommandHandler
    public boolean handle(RecordReportDeadlineCommand command, FieldServicePolicy policy, Clock clock) {
        if (reportDueAt == null || !(status == COMPLETED || status == SIGNED_OFF)) {
            return false;
        }
        Instant now = clock.instant();
        if (command.stage() == DeadlineStage.BREACHED) {
            if (reportOverdueRaised || !now.isAfter(reportDueAt)) {
                return false;
            }
            apply(new ServiceReportOverdueEvent(serviceOrderId, complaintId, reportDueAt));
            return true;
        }
        if (reportAtRiskRaised || reportOverdueRaised || now.isBefore(policy.atRiskFrom(completedAt, reportDueAt))) {
            return false;
        }
        apply(new ServiceReportAtRiskEvent(serviceOrderId, complaintId, reportDueAt));
        return true;
    }

    private void require(boolean allowed, String action, String what) {
        if (!allowed) {
            throw new IllegalTransitionException("Service order " + serviceOrderId + " is " + status + "; cannot " + action
                    + ": " + what + ".");
        }
    }

    @EventSourcingHandler
    void on(ServiceOrderOpenedEvent event, @SequenceNumber long sequence) {
        serviceOrderId = event.serviceOrderId();
        status = ServiceOrderStatus.OPEN;
        complaintId = event.complaintId();
        requestId = event.requestId();
        customerId = event.customerId();
        productModel = event.productModel();
        serialNumber = event.serialNumber();
        deliveryDate = event.deliveryDate();
        region = event.region();
        receivedAt = event.receivedAt();
        onSiteDueAt = event.onSiteDueAt();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TechnicianAssignedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        technicianId = event.technicianId();
        plannedVisitAt = event.plannedVisitAt();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TechnicianDispatchedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        version = sequence;
    }

    @EventSourcingHandler
    void on(TechnicianArrivedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        version = sequence;
    }

    @EventSourcingHandler
    void on(FaultVerifiedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        faultConfirmed = event.faultConfirmed();
        cause = event.cause();
        billing = event.billing();
        version = sequence;
    }

    @EventSourcingHandler
    void on(SparePartRequestedEvent event, @SequenceNumber long sequence) {
        parts.put(event.partRequestId(), new PartRequest(event.partNumber(), event.quantity(), false));
        version = sequence;
    }

    @EventSourcingHandler
    void on(SparePartShippedEvent event, @SequenceNumber long sequence) {
        parts.computeIfPresent(event.partRequestId(), (id, part) -> new PartRequest(part.partNumber(), part.quantity(), true));
        version = sequence;
    }

    @EventSourcingHandler
    void on(ServiceOrderCompletedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        completedAt = event.completedAt();
        reportDueAt = event.reportDueAt();
        version = sequence;
    }

    @EventSourcingHandler
    void on(ServiceOrderSignedOffEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        version = sequence;
    }

    @EventSourcingHandler
    void on(ServiceReportSubmittedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        version = sequence;
    }

    @EventSourcingHandler
    void on(ServiceReportAtRiskEvent event, @SequenceNumber long sequence) {
        reportAtRiskRaised = true;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ServiceReportOverdueEvent event, @SequenceNumber long sequence) {
        reportOverdueRaised = true;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ServiceOrderCancelledEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        version = sequence;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
