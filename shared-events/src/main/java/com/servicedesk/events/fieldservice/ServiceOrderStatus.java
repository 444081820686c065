package com.servicedesk.events.fieldservice;

/**
 * Where a service order stands: {@code OPEN → ASSIGNED → DISPATCHED → ON_SITE → FAULT_VERIFIED → COMPLETED →
 * SIGNED_OFF → REPORTED}, or {@code CANCELLED} before completion. A reassignment to another technician before
 * arrival goes back to {@code ASSIGNED} (the new technician needs a brief of their own). {@link #after(Object)} is the one statement of how
 * each event moves it, shared by the aggregate and every read model.
 */
public enum ServiceOrderStatus {
    OPEN, ASSIGNED, DISPATCHED, ON_SITE, FAULT_VERIFIED, COMPLETED, SIGNED_OFF, REPORTED, CANCELLED;

    /** Waiting in the dispatch queue: nobody is on the way yet. */
    public boolean awaitingDispatch() {
        return this == OPEN || this == ASSIGNED;
    }

    /** The work is not finished: the complaint cannot close and the order can still be cancelled. */
    public boolean inProgress() {
        return ordinal() < COMPLETED.ordinal();
    }

    public ServiceOrderStatus after(Object event) {
        if (event instanceof ServiceOrderOpenedEvent) {
            return OPEN;
        }
        if (event instanceof TechnicianAssignedEvent e) {
            // the same technician with a new planned visit stays on the way
            return this == DISPATCHED && e.technicianId().equals(e.previousTechnicianId()) ? DISPATCHED : ASSIGNED;
        }
        if (event instanceof TechnicianDispatchedEvent) {
            return DISPATCHED;
        }
        if (event instanceof TechnicianArrivedEvent) {
            return ON_SITE;
        }
        if (event instanceof FaultVerifiedEvent) {
            return FAULT_VERIFIED;
        }
        if (event instanceof ServiceOrderCompletedEvent) {
            return COMPLETED;
        }
        if (event instanceof ServiceOrderSignedOffEvent) {
            return SIGNED_OFF;
        }
        if (event instanceof ServiceReportSubmittedEvent) {
            return REPORTED;
        }
        if (event instanceof ServiceOrderCancelledEvent) {
            return CANCELLED;
        }
        return this;
    }
}
