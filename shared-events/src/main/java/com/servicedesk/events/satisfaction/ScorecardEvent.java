package com.servicedesk.events.satisfaction;

/**
 * What every event of a scorecard carries: which scorecard (one per customer and year) and its score afterwards.
 * Any of them may be a scorecard's first event, so each is enough to create it.
 */
public interface ScorecardEvent {
    String scorecardId();

    String customerId();

    int year();

    Score score();
}
