package com.servicedesk.intake.command;

import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintClassifiedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintReopenedEvent;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceLinkedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.ProductReturnRecordedEvent;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.events.intake.SlaAtRiskEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.deadline.DeadlineStage;
import com.servicedesk.platform.validation.Violations;
import com.servicedesk.platform.web.IllegalTransitionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static com.servicedesk.events.intake.ComplaintStatus.ACKNOWLEDGED;
import static com.servicedesk.events.intake.ComplaintStatus.CLOSED;
import static com.servicedesk.events.intake.ComplaintStatus.REGISTERED;
import static com.servicedesk.events.intake.ComplaintStatus.REJECTED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer complaint, from receipt to close (DOMAIN.md, Complaint):
 * {@code REGISTERED → ACKNOWLEDGED → (IN_SERVICE) → VERIFIED → REPLIED → CLOSED}, plus {@code REJECTED} (invalid or
 * duplicate, only before any work was done) and {@code REOPENED} (back to work after close). Every command of the
 * REST API returns the complaint's new version (the SLA watch's command says whether it raised an event); a refused transition says the state and what is needed.
 */
@Aggregate
public class Complaint {
    /**
     * A receipt time up to this much ahead of our clock is accepted as "now": the agent's PC clock may run a little
     * fast, and refusing a complaint over that would be absurd. Anything later is in the future and refused.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    @AggregateIdentifier
    private String complaintId;
    private ComplaintStatus status;
    private long version;
    private String customerId;
    private String customerName;
    private Contact contact;
    private String productModel;
    private String serialNumber;
    private LocalDate deliveryDate;
    private ComplaintCategory category;
    private Severity severity;
    private Region region;
    private Instant receivedAt;
    /** Deadlines of the clocks started so far, and which of them are still running. */
    private final Map<SlaClock, Instant> dueAt = new EnumMap<>(SlaClock.class);
    private final Set<SlaClock> running = EnumSet.noneOf(SlaClock.class);
    private final Set<SlaClock> atRiskRaised = EnumSet.noneOf(SlaClock.class);
    private final Set<SlaClock> breachRaised = EnumSet.noneOf(SlaClock.class);
    private Boolean companyResponsible;
    private ComplaintCategory confirmedCategory;
    private String findings;
    private boolean repliedSinceLastChange;
    /** Field-service requests whose order is not finished yet, and the orders field service opened for them. */
    private final Set<String> openServiceRequests = new HashSet<>();
    private final Set<String> serviceOrderIds = new HashSet<>();

    protected Complaint() {
        // for Axon
    }

    /**
     * Registration creates the complaint. A creation handler rather than a constructor, so that it can answer what it
     * decided (the deadlines) instead of only the id.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public ComplaintRegistration handle(RegisterComplaintCommand command, SlaPolicy sla, Clock clock) {
        Instant now = clock.instant();
        Instant received = command.receivedAt() == null ? now : command.receivedAt();
        validate(command, received, now, sla);
        ComplaintRegisteredEvent registered = new ComplaintRegisteredEvent(
                command.complaintId(),
                command.customerId().trim(),
                command.customerName().trim(),
                command.contact(),
                command.channel(),
                command.productModel().trim(),
                blankToNull(command.serialNumber()),
                command.deliveryDate(),
                command.category(),
                command.severity(),
                command.region(),
                command.description().trim(),
                received,
                command.replyRequestedBy(),
                sla.acknowledgeDue(received),
                sla.replyDue(received, command.replyRequestedBy()));
        apply(registered);
        return new ComplaintRegistration(registered.complaintId(), 0L, registered.acknowledgeDueAt(), registered.replyDueAt());
    }

    @CommandHandler
    public long handle(AcknowledgeComplaintCommand command) {
        new Violations().maxLength("note", command.note(), 2000).throwIfAny();
        require(status == REGISTERED, "acknowledge it", "only a newly registered complaint is acknowledged");
        apply(new ComplaintAcknowledgedEvent(complaintId, blankToNull(command.note())));
        return version;
    }

    @CommandHandler
    public long handle(ClassifyComplaintCommand command) {
        new Violations().required("category", command.category()).required("severity", command.severity()).throwIfAny();
        requireOpen("classify it");
        if (command.category() != category || command.severity() != severity) {
            apply(new ComplaintClassifiedEvent(complaintId, command.category(), command.severity()));
        }
        return version;
    }

    @CommandHandler
    public long handle(RequestFieldServiceCommand command, SlaPolicy sla) {
        new Violations().requiredText("reason", command.reason(), 2000).throwIfAny();
        require(status != REGISTERED, "request field service", "acknowledge the complaint first");
        requireOpen("request field service");
        require(openServiceRequests.isEmpty(), "request field service",
                "a service order is still open for it; finish or cancel that one first");
        Instant onSiteDue = dueAt.containsKey(SlaClock.ON_SITE) ? dueAt.get(SlaClock.ON_SITE) : sla.onSiteDue(receivedAt, region);
        apply(new FieldServiceRequestedEvent(complaintId, command.requestId(), command.reason().trim(), customerId,
                customerName, contact, productModel, serialNumber, deliveryDate, region, category, severity, receivedAt,
                onSiteDue));
        return version;
    }

    /** May be repeated until closed: the same answer again changes nothing, a changed answer is an event of its own. */
    @CommandHandler
    public long handle(VerifyComplaintCommand command) {
        new Violations().required("companyResponsible", command.companyResponsible())
                .required("confirmedCategory", command.confirmedCategory())
                .requiredText("findings", command.findings(), 4000).throwIfAny();
        require(status != REGISTERED, "verify it", "acknowledge the complaint first");
        requireOpen("verify it");
        boolean responsible = command.companyResponsible();
        if (companyResponsible == null) {
            apply(new ComplaintVerifiedEvent(complaintId, customerId, receivedAt, responsible, command.confirmedCategory(),
                    command.findings().trim()));
        } else if (responsible != companyResponsible || command.confirmedCategory() != confirmedCategory
                || !command.findings().trim().equals(findings)) {
            apply(new ComplaintVerificationChangedEvent(complaintId, customerId, receivedAt, responsible,
                    command.confirmedCategory(), command.findings().trim(), companyResponsible, confirmedCategory));
        }
        return version;
    }

    @CommandHandler
    public long handle(ReplyToCustomerCommand command) {
        new Violations().required("method", command.method()).requiredText("message", command.message(), 4000).throwIfAny();
        requireOpen("reply to the customer");
        require(companyResponsible != null, "reply to the customer", "verify it first: the reply gives the verified outcome");
        apply(new ComplaintRepliedEvent(complaintId, command.method(), command.message().trim()));
        return version;
    }

    @CommandHandler
    public long handle(RecordProductReturnCommand command) {
        new Violations().required("quantity", command.quantity()).positive("quantity", command.quantity())
                .requiredText("reason", command.reason(), 2000).throwIfAny();
        require(status != REJECTED, "record a return", "a rejected complaint takes no returns");
        apply(new ProductReturnRecordedEvent(complaintId, command.returnId(), command.quantity(), command.reason().trim()));
        return version;
    }

    @CommandHandler
    public long handle(CloseComplaintCommand command) {
        new Violations().requiredText("resolutionSummary", command.resolutionSummary(), 4000).throwIfAny();
        requireOpen("close it");
        require(companyResponsible != null, "close it", "it must be verified, replied to and have no open service order");
        require(repliedSinceLastChange, "close it", "the customer must be replied to first");
        require(openServiceRequests.isEmpty(), "close it", "its service order is still open");
        apply(new ComplaintClosedEvent(complaintId, command.resolutionSummary().trim()));
        return version;
    }

    @CommandHandler
    public long handle(RejectComplaintCommand command) {
        new Violations().requiredText("reason", command.reason(), 2000).throwIfAny();
        require(status == REGISTERED || status == ACKNOWLEDGED, "reject it",
                "only a complaint no work has started on (registered or acknowledged) can be rejected");
        apply(new ComplaintRejectedEvent(complaintId, command.reason().trim()));
        return version;
    }

    @CommandHandler
    public long handle(ReopenComplaintCommand command) {
        new Violations().requiredText("reason", command.reason(), 2000).throwIfAny();
        require(status == CLOSED, "reopen it", "only a closed complaint can be reopened");
        apply(new ComplaintReopenedEvent(complaintId, command.reason().trim()));
        return version;
    }

    /*
     * Facts from field service. They are recorded whatever the complaint's state (field service did the work), and a
     * fact already recorded changes nothing, so a redelivered event is harmless.
     */

    @CommandHandler
    public long handle(LinkServiceOrderCommand command) {
        if (!serviceOrderIds.contains(command.serviceOrderId())) {
            apply(new FieldServiceLinkedEvent(complaintId, command.requestId(), command.serviceOrderId()));
        }
        return version;
    }

    /** The first arrival stops the on-site clock; a later visit (a second order) leaves the clock as it was. */
    @CommandHandler
    public long handle(RecordOnSiteArrivalCommand command) {
        if (running.contains(SlaClock.ON_SITE)) {
            apply(new FieldServiceArrivalRecordedEvent(complaintId, command.requestId(), command.serviceOrderId(),
                    command.arrivedAt(), dueAt.get(SlaClock.ON_SITE)));
        }
        return version;
    }

    @CommandHandler
    public long handle(RecordFieldServiceFinishedCommand command) {
        if (openServiceRequests.contains(command.requestId())) {
            apply(new FieldServiceFinishedEvent(complaintId, command.requestId(), command.serviceOrderId(),
                    command.cancelled(), command.result()));
        }
        return version;
    }

    /** @return whether this raised the event: false when the clock stopped, was raised before, or its time has not come */
    @CommandHandler
    public boolean handle(RecordSlaStateCommand command, SlaPolicy sla, Clock clock) {
        SlaClock slaClock = command.clock();
        if (!running.contains(slaClock)) {
            return false;
        }
        Instant now = clock.instant();
        Instant due = dueAt.get(slaClock);
        if (command.stage() == DeadlineStage.BREACHED) {
            if (breachRaised.contains(slaClock) || !now.isAfter(due)) {
                return false;
            }
            apply(new SlaBreachedEvent(complaintId, slaClock, due));
            return true;
        }
        if (atRiskRaised.contains(slaClock) || breachRaised.contains(slaClock) || now.isBefore(sla.atRiskFrom(receivedAt, due))) {
            return false;
        }
        apply(new SlaAtRiskEvent(complaintId, slaClock, due));
        return true;
    }

    private void require(boolean allowed, String action, String what) {
        if (!allowed) {
            throw new IllegalTransitionException("Complaint " + complaintId + " is " + status + "; cannot " + action + ": " + what + ".");
        }
    }

    private void requireOpen(String action) {
        require(status.isOpen(), action, status == CLOSED ? "reopen it first" : "a rejected complaint stays rejected");
    }

    private static void validate(RegisterComplaintCommand command, Instant receivedAt, Instant now, SlaPolicy sla) {
        Violations violations = new Violations()
                .requiredText("customerId", command.customerId(), 64)
                .requiredText("customerName", command.customerName(), 200)
                .required("contact", command.contact())
                .required("channel", command.channel())
                .requiredText("productModel", command.productModel(), 100)
                .maxLength("serialNumber", command.serialNumber(), 100)
                .notAfter("deliveryDate", command.deliveryDate(), sla.localDate(now))
                .required("category", command.category())
                .required("severity", command.severity())
                .required("region", command.region())
                .requiredText("description", command.description(), 4000)
                .notAfter("receivedAt", receivedAt, now.plus(CLOCK_SKEW));
        Contact contact = command.contact();
        if (contact != null) {
            violations.requiredText("contact.name", contact.name(), 100)
                    .maxLength("contact.phone", contact.phone(), 40)
                    .maxLength("contact.email", contact.email(), 254)
                    .email("contact.email", contact.email())
                    .check(!isBlank(contact.phone()) || !isBlank(contact.email()), "contact",
                            "needs a phone number or an e-mail address");
        }
        if (command.replyRequestedBy() != null) {
            violations.check(!command.replyRequestedBy().isBefore(sla.localDate(receivedAt)), "replyRequestedBy",
                    "must not be before the day the complaint was received");
        }
        violations.throwIfAny();
    }

    @EventSourcingHandler
    void on(ComplaintRegisteredEvent event, @SequenceNumber long sequence) {
        complaintId = event.complaintId();
        status = REGISTERED.after(event);
        customerId = event.customerId();
        customerName = event.customerName();
        contact = event.contact();
        productModel = event.productModel();
        serialNumber = event.serialNumber();
        deliveryDate = event.deliveryDate();
        category = event.category();
        severity = event.severity();
        region = event.region();
        receivedAt = event.receivedAt();
        start(SlaClock.ACKNOWLEDGE, event.acknowledgeDueAt());
        start(SlaClock.REPLY, event.replyDueAt());
        version = sequence;
    }

    @EventSourcingHandler
    void on(ComplaintAcknowledgedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        running.remove(SlaClock.ACKNOWLEDGE);
        version = sequence;
    }

    @EventSourcingHandler
    void on(ComplaintClassifiedEvent event, @SequenceNumber long sequence) {
        category = event.category();
        severity = event.severity();
        version = sequence;
    }

    @EventSourcingHandler
    void on(FieldServiceRequestedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        openServiceRequests.add(event.requestId());
        if (!dueAt.containsKey(SlaClock.ON_SITE)) {
            start(SlaClock.ON_SITE, event.onSiteDueAt());
        }
        version = sequence;
    }

    @EventSourcingHandler
    void on(FieldServiceLinkedEvent event, @SequenceNumber long sequence) {
        serviceOrderIds.add(event.serviceOrderId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(FieldServiceArrivalRecordedEvent event, @SequenceNumber long sequence) {
        running.remove(SlaClock.ON_SITE);
        version = sequence;
    }

    @EventSourcingHandler
    void on(FieldServiceFinishedEvent event, @SequenceNumber long sequence) {
        openServiceRequests.remove(event.requestId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(ComplaintVerifiedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        verified(event.companyResponsible(), event.confirmedCategory(), event.findings());
        version = sequence;
    }

    @EventSourcingHandler
    void on(ComplaintVerificationChangedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        verified(event.companyResponsible(), event.confirmedCategory(), event.findings());
        // the customer was told the old answer
        repliedSinceLastChange = false;
        version = sequence;
    }

    private void verified(boolean responsible, ComplaintCategory confirmed, String text) {
        companyResponsible = responsible;
        confirmedCategory = confirmed;
        findings = text;
    }

    @EventSourcingHandler
    void on(ComplaintRepliedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        repliedSinceLastChange = true;
        running.remove(SlaClock.REPLY);
        version = sequence;
    }

    @EventSourcingHandler
    void on(ProductReturnRecordedEvent event, @SequenceNumber long sequence) {
        version = sequence;
    }

    @EventSourcingHandler
    void on(ComplaintClosedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        running.clear();
        version = sequence;
    }

    @EventSourcingHandler
    void on(ComplaintRejectedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        running.clear();
        version = sequence;
    }

    @EventSourcingHandler
    void on(ComplaintReopenedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        repliedSinceLastChange = false;
        version = sequence;
    }

    @EventSourcingHandler
    void on(SlaAtRiskEvent event, @SequenceNumber long sequence) {
        atRiskRaised.add(event.clock());
        version = sequence;
    }

    @EventSourcingHandler
    void on(SlaBreachedEvent event, @SequenceNumber long sequence) {
        breachRaised.add(event.clock());
        version = sequence;
    }

    private void start(SlaClock clock, Instant due) {
        dueAt.put(clock, due);
        running.add(clock);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.trim();
    }
}
