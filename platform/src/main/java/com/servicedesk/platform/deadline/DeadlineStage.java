package com.servicedesk.platform.deadline;

/** What the deadline watch asks an aggregate to record: the clock's at-risk point or its deadline has passed. */
public enum DeadlineStage {
    AT_RISK, BREACHED
}
