package com.servicedesk.events.quality;

/** How a CAPA closed. */
public enum CapaOutcome {
    EFFECTIVE, CONTINUOUS_IMPROVEMENT
}
