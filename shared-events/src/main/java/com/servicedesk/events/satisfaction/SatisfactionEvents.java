package com.servicedesk.events.satisfaction;

import java.util.List;

/** Every event satisfaction publishes on {@link com.servicedesk.events.Topics#SCORECARD}. */
public final class SatisfactionEvents {
    public static final List<Class<?>> PUBLISHED = List.of(
            SurveyResponseRecordedEvent.class,
            DeductionAppliedEvent.class,
            DeductionCorrectedEvent.class,
            DeductionReversedEvent.class);

    private SatisfactionEvents() {
    }
}
