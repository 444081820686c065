package com.servicedesk.intake.command;

import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.axon.CommandDispatcher;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * Raises at-risk and breach events when nobody touches the complaint: every few seconds it asks the index for clocks
 * past their at-risk point or deadline and sends the aggregate a {@link RecordSlaStateCommand}. The aggregate raises
 * each event at most once, so a second instance of this service, or a sweep repeated after a crash, is harmless.
 * A row the aggregate answers without an event (the clock stopped meanwhile) is marked done here.
 */
@Component
public class SlaWatch {
    static final String COMPONENT = "sla-watch";
    private static final Logger LOG = LoggerFactory.getLogger(SlaWatch.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final CommandDispatcher commands;
    private final Clock clock;

    public SlaWatch(JdbcTemplate jdbc, CommandDispatcher commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    private record Due(String complaintId, SlaClock clock) {
    }

    @Scheduled(fixedDelayString = "${servicedesk.sla.watch-interval:5s}", initialDelayString = "${servicedesk.sla.watch-interval:5s}")
    public void sweep() {
        Timestamp now = Timestamp.from(clock.instant());
        for (Due due : due("SELECT complaint_id, clock FROM sla_watch WHERE NOT breach_done AND due_at < ? ORDER BY due_at LIMIT " + BATCH, now)) {
            record(due, RecordSlaStateCommand.Kind.BREACHED, "breach_done");
        }
        for (Due due : due("SELECT complaint_id, clock FROM sla_watch WHERE NOT at_risk_done AND NOT breach_done AND at_risk_at <= ? "
                + "ORDER BY at_risk_at LIMIT " + BATCH, now)) {
            record(due, RecordSlaStateCommand.Kind.AT_RISK, "at_risk_done");
        }
    }

    private List<Due> due(String sql, Timestamp now) {
        return jdbc.query(sql, (row, i) -> new Due(row.getString(1), SlaClock.valueOf(row.getString(2))), now);
    }

    private void record(Due due, RecordSlaStateCommand.Kind kind, String doneColumn) {
        try {
            boolean raised = commands.sendCausedBy(new RecordSlaStateCommand(due.complaintId(), due.clock(), kind),
                    COMPONENT, due.complaintId(), null);
            if (!raised) {
                jdbc.update("UPDATE sla_watch SET " + doneColumn + " = TRUE WHERE complaint_id = ? AND clock = ?",
                        due.complaintId(), due.clock().name());
            }
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            LOG.debug("{} {} of {} raised concurrently elsewhere", kind, due.clock(), due.complaintId());
        } catch (RuntimeException e) {
            LOG.warn("could not record {} {} of {}; retried at the next sweep", kind, due.clock(), due.complaintId(), e);
        }
    }
}
