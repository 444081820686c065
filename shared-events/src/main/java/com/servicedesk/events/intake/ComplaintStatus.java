package com.servicedesk.events.intake;

public enum ComplaintStatus {
    REGISTERED, ACKNOWLEDGED, IN_SERVICE, VERIFIED, REPLIED, CLOSED, REJECTED, REOPENED;

    /** Closed and rejected complaints need no more work; every other state is open. */
    public boolean isOpen() {
        return this != CLOSED && this != REJECTED;
    }
}
