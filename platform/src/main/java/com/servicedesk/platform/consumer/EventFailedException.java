package com.servicedesk.platform.consumer;

/**
 * Thrown by an {@link EventBatchHandler} whose effects are durable event by event (a command per event): the event at
 * {@code index} failed and every event before it took effect, so only those are recorded as applied and nothing before
 * the failing event is applied a second time.
 */
public class EventFailedException extends RuntimeException {
    private final int index;

    public EventFailedException(int index, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.index = index;
    }

    /** The failing event's position in the list the handler was given. */
    public int index() {
        return index;
    }
}
