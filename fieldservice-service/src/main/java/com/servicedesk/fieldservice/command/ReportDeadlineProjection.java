package com.servicedesk.fieldservice.command;

import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceReportAtRiskEvent;
import com.servicedesk.events.fieldservice.ServiceReportOverdueEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.platform.deadline.DeadlineStage;
import com.servicedesk.platform.deadline.Deadlines;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Keeps the service report's clock in platform's deadline index: it runs from completion until the report is in. */
@Component
@ProcessingGroup(ReportDeadlineProjection.PROCESSING_GROUP)
public class ReportDeadlineProjection {
    public static final String PROCESSING_GROUP = "report-deadlines";
    static final String CLOCK = "REPORT";

    private final Deadlines deadlines;
    private final FieldServicePolicy policy;

    public ReportDeadlineProjection(Deadlines deadlines, FieldServicePolicy policy) {
        this.deadlines = deadlines;
        this.policy = policy;
    }

    @EventHandler
    void on(ServiceOrderCompletedEvent event) {
        deadlines.watch(event.serviceOrderId(), CLOCK, event.complaintId(),
                policy.atRiskFrom(event.completedAt(), event.reportDueAt()), event.reportDueAt());
    }

    @EventHandler
    void on(ServiceReportSubmittedEvent event) {
        deadlines.stop(event.serviceOrderId(), CLOCK);
    }

    @EventHandler
    void on(ServiceReportAtRiskEvent event) {
        deadlines.raised(event.serviceOrderId(), CLOCK, DeadlineStage.AT_RISK);
    }

    @EventHandler
    void on(ServiceReportOverdueEvent event) {
        deadlines.raised(event.serviceOrderId(), CLOCK, DeadlineStage.BREACHED);
    }
}
