package com.servicedesk.fieldservice.command;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Sent when intake requests field service; the id is derived from the request, so a redelivered request
 * cannot open a second order.
 */
public record OpenServiceOrderCommand(@TargetAggregateIdentifier String serviceOrderId, String complaintId, String requestId, String reason, String customerId,
                                      String customerName, Contact contact, String productModel, String serialNumber,
                                      LocalDate deliveryDate, Region region, ComplaintCategory category, Severity severity,
                                      Instant receivedAt, Instant onSiteDueAt) {
}
