package com.servicedesk.events.quality;

/**
 * Where a CAPA stands: {@code OPEN} (awaiting the first decision) → {@code IN_PROGRESS} (root cause, PDCA cycles) →
 * {@code CLOSED}; or {@code CANCELLED}. {@link #after(Object)} is the one statement of how each event moves it, shared
 * by the aggregate and the read models.
 */
public enum CapaStatus {
    OPEN, IN_PROGRESS, CLOSED, CANCELLED;

    public boolean isFinished() {
        return this == CLOSED || this == CANCELLED;
    }

    public CapaStatus after(Object event) {
        if (event instanceof CapaOpenedEvent) {
            return OPEN;
        }
        if (event instanceof CapaDecidedEvent e) {
            return e.actionNeeded() ? IN_PROGRESS : this;
        }
        if (event instanceof CapaClosedEvent) {
            return CLOSED;
        }
        if (event instanceof CapaCancelledEvent) {
            return CANCELLED;
        }
        return this;
    }
}
