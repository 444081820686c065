package com.servicedesk.platform.deadline;

import com.servicedesk.platform.axon.CommandDispatcher;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * Raises at-risk and breach events when nobody touches the aggregate: every few seconds it asks the
 * {@link Deadlines} index for clocks past their at-risk point or deadline and sends the command the service's
 * {@link DeadlineCommandFactory} makes. The aggregate raises each stage at most once, so a second instance of the
 * service, or a sweep repeated after a crash, is harmless. A row the aggregate answers without an event (the clock
 * stopped meanwhile) is marked done here.
 */
public class DeadlineWatch {
    public static final String COMPONENT = "deadline-watch";
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final CommandDispatcher commands;
    private final DeadlineCommandFactory factory;
    private final Clock clock;

    public DeadlineWatch(JdbcTemplate jdbc, CommandDispatcher commands, DeadlineCommandFactory factory, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.factory = factory;
        this.clock = clock;
    }

    private record Due(String aggregateId, String clock, String correlationId) {
    }

    @Scheduled(fixedDelayString = "${servicedesk.deadlines.watch-interval:5s}",
            initialDelayString = "${servicedesk.deadlines.watch-interval:5s}")
    public void sweep() {
        Timestamp now = Timestamp.from(clock.instant());
        for (Due due : due("SELECT aggregate_id, clock, correlation_id FROM deadline_watch WHERE NOT breach_done AND due_at < ? "
                + "ORDER BY due_at LIMIT " + BATCH, now)) {
            record(due, DeadlineStage.BREACHED);
        }
        for (Due due : due("SELECT aggregate_id, clock, correlation_id FROM deadline_watch WHERE NOT at_risk_done "
                + "AND NOT breach_done AND at_risk_at <= ? ORDER BY at_risk_at LIMIT " + BATCH, now)) {
            record(due, DeadlineStage.AT_RISK);
        }
    }

    private List<Due> due(String sql, Timestamp now) {
        return jdbc.query(sql, (row, i) -> new Due(row.getString(1), row.getString(2), row.getString(3)), now);
    }

    private void record(Due due, DeadlineStage stage) {
        try {
            Boolean raised = commands.sendCausedBy(factory.command(due.aggregateId(), due.clock(), stage), COMPONENT,
                    due.correlationId(), null);
            if (!Boolean.TRUE.equals(raised)) {
                jdbc.update("UPDATE deadline_watch SET " + (stage == DeadlineStage.BREACHED ? "breach_done" : "at_risk_done")
                        + " = TRUE WHERE aggregate_id = ? AND clock = ?", due.aggregateId(), due.clock());
            }
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            LOG.debug("{} {} of {} raised concurrently elsewhere", stage, due.clock(), due.aggregateId());
        } catch (RuntimeException e) {
            LOG.warn("could not record {} {} of {}; retried at the next sweep", stage, due.clock(), due.aggregateId(), e);
        }
    }
}
