package com.servicedesk.intake.command;

import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;

import java.time.Instant;
import java.time.LocalDate;

/** Fields may be null here: the aggregate validates them all and names every one that is missing or wrong. */
public record RegisterComplaintCommand(
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
        LocalDate replyRequestedBy) {
}
