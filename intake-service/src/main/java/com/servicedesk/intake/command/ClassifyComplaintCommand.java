package com.servicedesk.intake.command;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Severity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ClassifyComplaintCommand(@TargetAggregateIdentifier String complaintId, ComplaintCategory category, Severity severity) {
}
