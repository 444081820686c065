package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The fault was verified on site with the customer ({@code witnessedBy}); the billing follows from the warranty rule.
 *
 * @param deliveryDate   the delivery date the warranty was judged on (from the complaint or read on site), or null
 * @param warrantyEndsOn the last day of the warranty, or null without a delivery date
 * @param billingReason  why the order is in warranty or paid, in words a customer can be given
 */
@Revision("1")
public record FaultVerifiedEvent(
        String serviceOrderId,
        String complaintId,
        boolean faultConfirmed,
        String description,
        FaultCause cause,
        String witnessedBy,
        LocalDate deliveryDate,
        LocalDate warrantyEndsOn,
        Billing billing,
        String billingReason) {
}
