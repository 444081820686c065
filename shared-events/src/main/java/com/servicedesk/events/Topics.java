package com.servicedesk.events;

/** Kafka topics, one per aggregate type. Records are keyed by aggregate id (see ARCHITECTURE.md). */
public final class Topics {
    public static final String COMPLAINT = "servicedesk.intake.complaint.v1";
    public static final String SERVICE_ORDER = "servicedesk.fieldservice.service-order.v1";
    public static final String CAPA = "servicedesk.quality.capa.v1";
    public static final String SCORECARD = "servicedesk.satisfaction.scorecard.v1";
    /** Not domain events: each service's hash-chain heads, published so a rewritten store can be told (issue 8). */
    public static final String CHAIN_HEADS = "servicedesk.audit.chain-heads.v1";

    private Topics() {
    }
}
