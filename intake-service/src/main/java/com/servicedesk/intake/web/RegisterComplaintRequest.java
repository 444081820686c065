package com.servicedesk.intake.web;

import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;

import java.time.Instant;
import java.time.LocalDate;

/** The body of {@code POST /api/v1/complaints} (API.md). Validation is the aggregate's job. */
public record RegisterComplaintRequest(
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
