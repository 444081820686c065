package com.servicedesk.events.fieldservice;

/** What the completed work achieved. */
public enum ServiceResult {
    RESOLVED, TEMPORARY_FIX, UNRESOLVED
}
