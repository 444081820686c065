package com.servicedesk.events.quality;

/** How the root cause was found. */
public enum RootCauseMethod {
    FIVE_WHYS, FISHBONE, FAULT_TREE, OTHER
}
