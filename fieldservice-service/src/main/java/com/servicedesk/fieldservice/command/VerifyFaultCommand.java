package com.servicedesk.fieldservice.command;

import com.servicedesk.events.fieldservice.FaultCause;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * {@code deliveryDate} is the date read on site, used only when the complaint gave none.
 */
public record VerifyFaultCommand(@TargetAggregateIdentifier String serviceOrderId, Boolean faultConfirmed, String description, FaultCause cause,
                                 String witnessedBy, LocalDate deliveryDate) {
}
