package com.servicedesk.events.quality;

import java.util.List;

/** Every event quality publishes on {@link com.servicedesk.events.Topics#CAPA}. */
public final class QualityEvents {
    public static final List<Class<?>> PUBLISHED = List.of(
            CapaOpenedEvent.class,
            CapaDecidedEvent.class,
            ContainmentRecordedEvent.class,
            RootCauseIdentifiedEvent.class,
            CapaActionPlannedEvent.class,
            CapaActionCompletedEvent.class,
            CapaActionOverdueEvent.class,
            EffectivenessCheckedEvent.class,
            CapaCycleStartedEvent.class,
            CapaStandardizedEvent.class,
            CapaClosedEvent.class,
            CapaSourceRetractedEvent.class,
            CapaSourceConfirmedEvent.class,
            CapaCancelledEvent.class);

    private QualityEvents() {
    }
}
