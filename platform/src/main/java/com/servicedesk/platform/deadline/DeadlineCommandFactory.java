package com.servicedesk.platform.deadline;

/**
 * A service that keeps clocks in the {@link Deadlines} index declares one of these: it turns a clock whose time has
 * come into the command that asks the aggregate to record it. That command's handler must return {@code true} only
 * when it raised an event, and must raise each stage of a clock at most once (the watch may send it again).
 */
@FunctionalInterface
public interface DeadlineCommandFactory {
    Object command(String aggregateId, String clock, DeadlineStage stage);
}
