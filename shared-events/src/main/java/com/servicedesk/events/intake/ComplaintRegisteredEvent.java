package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A complaint was registered. The deadlines are computed once, at registration, and stored here so that a later change
 * of SLA settings never rewrites history.
 *
 * @param receivedAt       when the complaint reached the company; may lie before registration (a letter entered later)
 * @param replyRequestedBy the date the customer asked for an answer by, if any
 * @param acknowledgeDueAt receipt + the first-response limit (24 h)
 * @param replyDueAt       the earlier of the end of {@code replyRequestedBy} and receipt + the reply limit (48 h)
 */
@Revision("1")
public record ComplaintRegisteredEvent(
        String complaintId,
        String customerId,
        String customerName,
        Contact contact,
        Channel channel,
        String productModel,
        String serialNumber,
        LocalDate deliveryDate,
        ComplaintCategory category,
        Severity severity,
        Region region,
        String description,
        Instant receivedAt,
        LocalDate replyRequestedBy,
        Instant acknowledgeDueAt,
        Instant replyDueAt) {
}
