package com.servicedesk.events.intake;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a complaint stands: {@code REGISTERED → ACKNOWLEDGED → (IN_SERVICE) → VERIFIED → REPLIED → CLOSED}, plus
 * {@code REJECTED} and {@code REOPENED}. {@link #after(Object)} is the one statement of how each event moves it, shared
 * by the aggregate and every read model so they can never disagree.
 */
public enum ComplaintStatus {
    REGISTERED, ACKNOWLEDGED, IN_SERVICE, VERIFIED, REPLIED, CLOSED, REJECTED, REOPENED;

    /** States a first verification moves to VERIFIED; a changed verification also takes REPLIED back (re-answer needed). */
    private static final Set<ComplaintStatus> AWAITING_VERIFICATION = EnumSet.of(ACKNOWLEDGED, IN_SERVICE, REOPENED);

    /** Closed and rejected complaints need no more work; every other state is open. */
    public boolean isOpen() {
        return this != CLOSED && this != REJECTED;
    }

    /** The status once {@code event} has happened to a complaint in this status; events that do not move it keep it. */
    public ComplaintStatus after(Object event) {
        if (event instanceof ComplaintRegisteredEvent) {
            return REGISTERED;
        }
        if (event instanceof ComplaintAcknowledgedEvent) {
            return ACKNOWLEDGED;
        }
        if (event instanceof FieldServiceRequestedEvent) {
            return IN_SERVICE;
        }
        if (event instanceof ComplaintVerifiedEvent) {
            return AWAITING_VERIFICATION.contains(this) ? VERIFIED : this;
        }
        if (event instanceof ComplaintVerificationChangedEvent) {
            return AWAITING_VERIFICATION.contains(this) || this == REPLIED ? VERIFIED : this;
        }
        if (event instanceof ComplaintRepliedEvent) {
            return REPLIED;
        }
        if (event instanceof ComplaintClosedEvent) {
            return CLOSED;
        }
        if (event instanceof ComplaintRejectedEvent) {
            return REJECTED;
        }
        if (event instanceof ComplaintReopenedEvent) {
            return REOPENED;
        }
        return this;
    }
}
