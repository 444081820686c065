package com.servicedesk.intake.command;

import com.servicedesk.events.intake.ComplaintCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record VerifyComplaintCommand(@TargetAggregateIdentifier String complaintId, Boolean companyResponsible,
                                     ComplaintCategory confirmedCategory, String findings) {
}
