package com.servicedesk.events.quality;

/** Where a CAPA came from. */
public enum CapaSource {
    COMPLAINT, SERVICE_REPORT, INTERNAL
}
