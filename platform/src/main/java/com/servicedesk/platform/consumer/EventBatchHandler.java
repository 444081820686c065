package com.servicedesk.platform.consumer;

import java.util.List;
import java.util.Set;

/**
 * What a Kafka consumer does with the events of one batch: a projection updating its read models, or an integration
 * handler turning foreign events into commands. {@link IdempotentConsumer} hands it only events of its
 * {@link #handledTypes()} that it has not applied yet, each aggregate's in sequence order.
 */
public interface EventBatchHandler {
    /** The payload types it acts on (a router's); the others pass without touching its store. */
    Set<Class<?>> handledTypes();

    /** Whether the event is of a type it acts on: the one test the live path and a rebuild's replay both apply. */
    default boolean handles(PublishedEvent event) {
        return handledTypes().contains(event.payload().getClass());
    }

    /**
     * Applies the events in the order given and makes their effects durable before it returns. If it throws, none of
     * its effects may be taken as done: the batch is applied again, one event at a time, to find the event at fault.
     * Effects must therefore be idempotent (a document replaced whole, an id derived from the event).
     */
    void handle(List<PublishedEvent> events);

    /**
     * Whether the handler keeps the last sequence it applied per aggregate with its effects, in the same write (a
     * document per aggregate whose {@code version} is that sequence), and itself leaves out what it applied already.
     * The consumer then neither reads nor writes applied sequences for it: two store round trips per batch fewer.
     */
    default boolean keepsPositions() {
        return false;
    }
}
