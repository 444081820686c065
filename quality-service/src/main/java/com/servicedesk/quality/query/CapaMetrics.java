package com.servicedesk.quality.query;

import com.servicedesk.events.quality.CapaActionOverdueEvent;
import com.servicedesk.events.quality.CapaClosedEvent;
import com.servicedesk.events.quality.CapaOpenedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Micrometer figures of quality: gauges of CAPAs open and actions overdue now (read from the read model at each
 * scrape), counters of CAPAs opened by source, closed by outcome and first-cycle effectiveness, overdue events. The
 * counters come from a subscribing processor: they count as events are stored and never replay history.
 */
@Component
@ProcessingGroup(CapaMetrics.PROCESSING_GROUP)
public class CapaMetrics {
    public static final String PROCESSING_GROUP = "capa-metrics";

    private final MeterRegistry meters;

    public CapaMetrics(MeterRegistry meters, CapaStatistics statistics) {
        this.meters = meters;
        Gauge.builder("servicedesk.capa.open", statistics, CapaStatistics::open).register(meters);
        Gauge.builder("servicedesk.capa.actions.overdue", statistics, CapaStatistics::overdueActions).register(meters);
    }

    @EventHandler
    void on(CapaOpenedEvent event) {
        meters.counter("servicedesk.capa.opened", "source", event.source().name()).increment();
    }

    @EventHandler
    void on(CapaClosedEvent event) {
        meters.counter("servicedesk.capa.closed", "outcome", event.outcome().name(), "firstCycle",
                String.valueOf(event.cycles() == 1)).increment();
    }

    @EventHandler
    void on(CapaActionOverdueEvent event) {
        meters.counter("servicedesk.capa.action.overdue.events").increment();
    }
}
