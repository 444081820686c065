package com.servicedesk.intake.command;

import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.platform.validation.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A customer complaint, from receipt to close (DOMAIN.md, Complaint). */
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

    protected Complaint() {
        // for Axon
    }

    @CommandHandler
    public Complaint(RegisterComplaintCommand command, SlaPolicy sla, Clock clock) {
        Instant now = clock.instant();
        Instant receivedAt = command.receivedAt() == null ? now : command.receivedAt();
        validate(command, receivedAt, now, sla);
        apply(new ComplaintRegisteredEvent(
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
                receivedAt,
                command.replyRequestedBy(),
                sla.acknowledgeDue(receivedAt),
                sla.replyDue(receivedAt, command.replyRequestedBy())));
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
        this.complaintId = event.complaintId();
        this.status = ComplaintStatus.REGISTERED;
        this.version = sequence;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.trim();
    }
}
