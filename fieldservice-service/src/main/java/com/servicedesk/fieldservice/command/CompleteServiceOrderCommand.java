package com.servicedesk.fieldservice.command;

import com.servicedesk.events.fieldservice.ServiceResult;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteServiceOrderCommand(@TargetAggregateIdentifier String serviceOrderId, String workPerformed, ServiceResult result) {
}
