package com.servicedesk.platform.metrics;

import com.servicedesk.platform.deadline.ClockState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code servicedesk.sla.open{clock, state}}: the clocks running now in the service's deadline index, by kind and by
 * {@link ClockState} as of now (ON_TRACK, AT_RISK from the at-risk point, BREACHED after the deadline, as the read
 * models show them). The kind is the clock's name up to a {@code ':'} (quality's {@code ACTION:<id>} counts as
 * {@code ACTION}).
 * <p>
 * Clock kinds appear as clocks start, so the rows are recounted on a schedule, not during a scrape: a meter registered
 * while Prometheus reads the registry is best avoided. The count is one aggregate over the open clocks, no more than
 * the deadline watch's own sweep. A kind once seen stays, at 0, so a dashboard never loses its series.
 */
public class OpenClockMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(OpenClockMetrics.class);
    private static final List<ClockState> OPEN = List.of(ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.BREACHED);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MultiGauge open;
    /** every kind seen so far; touched by the scheduler's one thread only */
    private final Set<String> kinds = new TreeSet<>();

    public OpenClockMetrics(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.open = MultiGauge.builder("servicedesk.sla.open")
                .description("clocks running now in the deadline index, by kind and state")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${servicedesk.metrics.sla.refresh-interval}")
    public void refresh() {
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, long[]> counts = new HashMap<>();
        try {
            jdbc.query("SELECT split_part(clock, ':', 1), "
                            + "count(*) FILTER (WHERE due_at >= ? AND (at_risk_at IS NULL OR at_risk_at > ?)), "
                            + "count(*) FILTER (WHERE due_at >= ? AND at_risk_at <= ?), "
                            + "count(*) FILTER (WHERE due_at < ?) "
                            + "FROM deadline_watch GROUP BY 1",
                    row -> {
                        counts.put(row.getString(1), new long[]{row.getLong(2), row.getLong(3), row.getLong(4)});
                    }, now, now, now, now, now);
        } catch (DataAccessException e) {
            LOG.warn("open SLA clocks not counted this time: {}", e.getMessage());
            return;
        }
        kinds.addAll(counts.keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String kind : kinds) {
            long[] byState = counts.getOrDefault(kind, new long[OPEN.size()]);
            for (int i = 0; i < OPEN.size(); i++) {
                rows.add(MultiGauge.Row.of(Tags.of("clock", kind, "state", OPEN.get(i).name()), byState[i]));
            }
        }
        open.register(rows, true);
    }
}
