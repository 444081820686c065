package com.servicedesk.platform.consumer;

import com.servicedesk.platform.projection.EventRouter;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Turns foreign events into this service's commands: the subclass routes each event type it reacts to with
 * {@link #on}; events of other types pass without touching its applied sequences. Each command is its own unit of
 * work, so a batch takes effect event by event: when one fails, the ones before it stay applied and recorded, and the
 * failing one is retried (and at last dead-lettered) alone. Commands must be idempotent against a redelivery that
 * slips past the applied sequences (ids derived from the event, aggregates that record a fact once).
 */
public abstract class IntegrationHandler implements EventBatchHandler {
    private final EventRouter<Void> router = EventRouter.create();

    /** Reacts to events of {@code type}: {@code reaction} gets the event and its envelope (its id is the causation). */
    protected final <E> void on(Class<E> type, BiConsumer<? super E, PublishedEvent> reaction) {
        router.on(type, (none, event, envelope) -> reaction.accept(event, envelope));
    }

    @Override
    public final Set<Class<?>> handledTypes() {
        return router.handledTypes();
    }

    @Override
    public final void handle(List<PublishedEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                router.route(null, events.get(i));
            } catch (RuntimeException e) {
                throw new EventFailedException(i, e);
            }
        }
    }
}
