package com.servicedesk.events.fieldservice;

import java.util.List;

/** Every event field service publishes on {@link com.servicedesk.events.Topics#SERVICE_ORDER}. */
public final class FieldServiceEvents {
    public static final List<Class<?>> PUBLISHED = List.of();

    private FieldServiceEvents() {
    }
}
