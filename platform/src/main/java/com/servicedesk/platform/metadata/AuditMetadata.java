package com.servicedesk.platform.metadata;

/** Keys of the metadata every event carries; they make the cross-service audit trace (ARCHITECTURE.md). */
public final class AuditMetadata {
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String UNKNOWN_ACTOR = "system:unknown";

    private AuditMetadata() {
    }

    public static String systemActor(String component) {
        return "system:" + component;
    }
}
