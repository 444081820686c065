package com.servicedesk.platform.consumer;

/**
 * An event as a consumer receives it from Kafka: the payload record plus the envelope every event carries.
 *
 * @param sequence the event's sequence within its aggregate, or -1 for an event that belongs to no aggregate
 */
public record PublishedEvent(
        String id,
        String type,
        String aggregateId,
        long sequence,
        java.time.Instant occurredAt,
        String actor,
        String correlationId,
        String causationId,
        Object payload) {
}
