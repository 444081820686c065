package com.servicedesk.platform.projection;

import com.servicedesk.platform.consumer.PublishedEvent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Typed routing of published events to handlers: {@code on(ComplaintRegisteredEvent.class, this::registered)}. The
 * types a consumer acts on are the types it routes, so there is no second list to keep in step; an event of any other
 * type passes the consumer without a read or a write of its store. Events are records (final classes): a route
 * matches its class exactly.
 *
 * @param <C> what every handler gets besides the event: the batch it writes to, a document, or nothing
 */
public final class EventRouter<C> {
    /** Handles one event of type {@code E}; {@code envelope} carries its aggregate, sequence, time and actor. */
    @FunctionalInterface
    public interface Handler<C, E> {
        void handle(C context, E event, PublishedEvent envelope);
    }

    private final Map<Class<?>, Handler<C, Object>> routes = new LinkedHashMap<>();
    private final Set<Class<?>> handled = Collections.unmodifiableSet(routes.keySet());

    private EventRouter() {
    }

    public static <C> EventRouter<C> create() {
        return new EventRouter<>();
    }

    /** Routes events of {@code type} to {@code handler}; one handler per type. */
    public <E> EventRouter<C> on(Class<E> type, Handler<C, ? super E> handler) {
        Handler<C, Object> typed = (context, event, envelope) -> handler.handle(context, type.cast(event), envelope);
        if (routes.putIfAbsent(type, typed) != null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is routed twice");
        }
        return this;
    }

    /**
     * Routes each of {@code types} not routed yet to {@code handler}: for a read model that notes every event of a
     * topic (a history line, a status every event may move) besides what specific events change.
     */
    public EventRouter<C> onAnyOther(java.util.Collection<Class<?>> types, Handler<C, Object> handler) {
        types.forEach(type -> routes.putIfAbsent(type, handler));
        return this;
    }

    /** The payload types routed, in the order they were declared. */
    public Set<Class<?>> handledTypes() {
        return handled;
    }

    public boolean routes(PublishedEvent event) {
        return event.payload() != null && routes.containsKey(event.payload().getClass());
    }

    /** @throws IllegalArgumentException for an event of a type not routed (callers filter with {@link #routes}) */
    public void route(C context, PublishedEvent event) {
        Handler<C, Object> handler = event.payload() == null ? null : routes.get(event.payload().getClass());
        if (handler == null) {
            throw new IllegalArgumentException("no route for " + event.type());
        }
        handler.handle(context, event.payload(), event);
    }
}
