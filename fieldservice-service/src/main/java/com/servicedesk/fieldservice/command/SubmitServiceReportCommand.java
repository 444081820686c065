package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitServiceReportCommand(@TargetAggregateIdentifier String serviceOrderId, String summary, String qualityFindings) {
}
