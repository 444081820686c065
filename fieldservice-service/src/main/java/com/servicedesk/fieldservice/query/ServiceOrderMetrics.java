package com.servicedesk.fieldservice.query;

import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceReportAtRiskEvent;
import com.servicedesk.events.fieldservice.ServiceReportOverdueEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Micrometer counters of what happens in this process, from which a dashboard draws the rates (on-time = arrivals with
 * {@code onTime=true} ÷ all, per region; in-warranty vs paid): arrivals by region and punctuality, fault verifications
 * by billing, completions by result, report clock events. A subscribing processor: it counts as events are stored and
 * never replays history into a counter. The first-visit fix rate needs the order's rank within its complaint, which
 * only the read model knows: {@link ServiceOrderStatistics} gives it.
 */
@Component
@ProcessingGroup(ServiceOrderMetrics.PROCESSING_GROUP)
public class ServiceOrderMetrics {
    public static final String PROCESSING_GROUP = "service-order-metrics";

    private final MeterRegistry meters;

    public ServiceOrderMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventHandler
    void on(TechnicianArrivedEvent event) {
        meters.counter("servicedesk.fieldservice.arrivals", "region", event.region().name(), "onTime",
                String.valueOf(event.onTime())).increment();
    }

    @EventHandler
    void on(FaultVerifiedEvent event) {
        meters.counter("servicedesk.fieldservice.billing", "billing", event.billing().name(), "cause", event.cause().name()).increment();
    }

    @EventHandler
    void on(ServiceOrderCompletedEvent event) {
        meters.counter("servicedesk.fieldservice.completions", "result", event.result().name()).increment();
    }

    @EventHandler
    void on(ServiceReportSubmittedEvent event) {
        meters.counter("servicedesk.sla.clocks", "clock", "REPORT", "outcome", event.late() ? "MET_LATE" : "MET").increment();
    }

    @EventHandler
    void on(ServiceReportAtRiskEvent event) {
        meters.counter("servicedesk.sla.at.risk", "clock", "REPORT").increment();
    }

    @EventHandler
    void on(ServiceReportOverdueEvent event) {
        meters.counter("servicedesk.sla.breaches", "clock", "REPORT").increment();
    }
}
