package com.servicedesk.reporting.query;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Region;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.reporting.config.ReportingProperties;
import com.servicedesk.reporting.query.DashboardFact.Kind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA dashboard of API.md at any instant, from the timeline: counts per clock and state, open breaches with links,
 * clocks due today, and the KPIs against their targets. Live is the instant now; every other instant is an as-of
 * answer from the same versions. The states are computed in SQL with exactly {@link ClockState#of}'s rule, so only a
 * handful of rows leave the database however many complaints there are.
 * <p>
 * The dashboard counts everything recorded up to the instant (the yearly report gives the per-year view); the
 * satisfaction KPI is the instant's calendar year, as the survey is yearly.
 */
@Component
public class SlaDashboardQuery {
    private static final String VALID_AT = "tstzrange(valid_from, valid_to, '[)') @> ?::timestamptz";
    private static final String STATE = "CASE WHEN stopped_at IS NOT NULL THEN (CASE WHEN stopped_at > due_at THEN 'MET_LATE' ELSE 'MET' END)"
            + " WHEN ? > due_at THEN 'BREACHED' WHEN ? >= at_risk_at THEN 'AT_RISK' ELSE 'ON_TRACK' END";

    private final JdbcTemplate jdbc;
    private final ReportingProperties properties;

    public SlaDashboardQuery(JdbcTemplate jdbc, ReportingProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public SlaDashboard dashboard(Instant asOf, boolean live, Region region, ComplaintCategory category) {
        Timestamp at = Timestamp.from(asOf);
        List<Object> filterArgs = new ArrayList<>();
        StringBuilder filters = new StringBuilder();
        if (region != null) {
            filters.append(" AND region = ?");
            filterArgs.add(region.name());
        }
        if (category != null) {
            filters.append(" AND category = ?");
            filterArgs.add(category.name());
        }

        Map<String, Map<String, Long>> clocks = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            if (kind.isClock()) {
                Map<String, Long> states = new LinkedHashMap<>();
                for (ClockState state : ClockState.values()) {
                    states.put(state.name(), 0L);
                }
                clocks.put(kind.clockName(), states);
            }
        }
        Map<String, Long> complaintsByStatus = new LinkedHashMap<>();
        Map<String, Long> ordersByStatus = new LinkedHashMap<>();
        List<Object> args = new ArrayList<>(List.of(at, at, at));
        args.addAll(filterArgs);
        jdbc.query("SELECT kind, status, CASE WHEN due_at IS NULL THEN NULL ELSE " + STATE + " END AS state, count(*) AS n"
                + " FROM dashboard_fact WHERE " + VALID_AT + " AND kind <> 'SCORECARD'" + filters
                + " GROUP BY kind, status, state", rs -> {
            Kind kind = Kind.valueOf(rs.getString("kind"));
            long n = rs.getLong("n");
            if (kind.isClock()) {
                clocks.get(kind.clockName()).merge(rs.getString("state"), n, Long::sum);
            } else if (kind == Kind.COMPLAINT) {
                complaintsByStatus.merge(rs.getString("status"), n, Long::sum);
            } else {
                ordersByStatus.merge(rs.getString("status"), n, Long::sum);
            }
        }, args.toArray());

        long registered = complaintsByStatus.values().stream().mapToLong(Long::longValue).sum();
        long open = complaintsByStatus.entrySet().stream()
                .filter(e -> ComplaintStatus.valueOf(e.getKey()).isOpen()).mapToLong(Map.Entry::getValue).sum();
        long closed = complaintsByStatus.getOrDefault(ComplaintStatus.CLOSED.name(), 0L);
        SlaDashboard.Complaints complaints = new SlaDashboard.Complaints(registered, open, closed, complaintsByStatus);
        long breachesTotal = clocks.values().stream().mapToLong(states -> states.get(ClockState.BREACHED.name())).sum();
        return new SlaDashboard(asOf, live, new SlaDashboard.Filters(region, category), complaints, clocks,
                dueToday(asOf, filters.toString(), filterArgs), breachesTotal, breaches(asOf, filters.toString(), filterArgs),
                kpis(asOf, complaints, clocks.get("acknowledge"), ordersByStatus));
    }

    private List<SlaDashboard.Breach> breaches(Instant asOf, String filters, List<Object> filterArgs) {
        Timestamp at = Timestamp.from(asOf);
        List<Object> args = new ArrayList<>(List.of(at, at));
        args.addAll(filterArgs);
        args.add(properties.breachesListed());
        return jdbc.query("SELECT * FROM dashboard_fact WHERE " + VALID_AT + " AND due_at IS NOT NULL AND stopped_at IS NULL"
                + " AND due_at < ?" + filters + " ORDER BY due_at, fact_key LIMIT ?", (rs, n) -> {
            DashboardFact fact = DashboardTimelineProjection.fact(rs);
            Instant due = rs.getTimestamp("due_at").toInstant();
            return new SlaDashboard.Breach(fact.complaintId(), fact.serviceOrderId(), fact.kind().clockName(), fact.dueAt(),
                    link(fact), Math.round(Duration.between(due, asOf).toMinutes() / 60.0 * 100) / 100.0,
                    rs.getString("region"), rs.getString("category"));
        }, args.toArray());
    }

    private List<SlaDashboard.DueClock> dueToday(Instant asOf, String filters, List<Object> filterArgs) {
        LocalDate today = asOf.atZone(properties.zone()).toLocalDate();
        ZonedDateTime start = today.atStartOfDay(properties.zone());
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(asOf), Timestamp.from(start.toInstant()),
                Timestamp.from(start.plusDays(1).toInstant())));
        args.addAll(filterArgs);
        return jdbc.query("SELECT * FROM dashboard_fact WHERE " + VALID_AT + " AND stopped_at IS NULL"
                + " AND due_at >= ? AND due_at < ?" + filters + " ORDER BY due_at, fact_key", (rs, n) -> {
            DashboardFact fact = DashboardTimelineProjection.fact(rs);
            return new SlaDashboard.DueClock(fact.complaintId(), fact.serviceOrderId(), fact.kind().clockName(), fact.dueAt(),
                    link(fact), ClockState.of(null, fact.dueAt(), fact.atRiskAt(), asOf).name());
        }, args.toArray());
    }

    private static String link(DashboardFact fact) {
        return fact.serviceOrderId() == null ? "/api/v1/complaints/" + fact.complaintId()
                : "/api/v1/service-orders/" + fact.serviceOrderId();
    }

    private List<Kpi> kpis(Instant asOf, SlaDashboard.Complaints complaints, Map<String, Long> acknowledge,
                           Map<String, Long> orders) {
        int year = asOf.atZone(properties.zone()).getYear();
        Map<String, Long> scorecards = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) AS n FROM dashboard_fact WHERE " + VALID_AT + " AND kind = 'SCORECARD' AND year = ?"
                + " GROUP BY status", rs -> {
            scorecards.put(rs.getString("status"), rs.getLong("n"));
        }, Timestamp.from(asOf), year);
        ReportingProperties.Targets targets = properties.targets();
        long satisfied = scorecards.getOrDefault("SATISFIED", 0L);
        long failed = orders.getOrDefault("FAILED", 0L);
        long ackOnTime = acknowledge.get("MET");
        return List.of(
                Kpis.atLeast("satisfaction", "Customers basically satisfied (" + year + ")",
                        Kpis.ratio(satisfied, satisfied + scorecards.getOrDefault("UNSATISFIED", 0L)), targets.satisfaction()),
                Kpis.atMost("serviceFailureRate", "Service failure rate",
                        Kpis.ratio(failed, failed + orders.getOrDefault("OK", 0L)), targets.serviceFailureRate()),
                Kpis.atLeast("responseWithin24h", "Complaints acknowledged within 24 h",
                        Kpis.ratio(ackOnTime, ackOnTime + acknowledge.get("MET_LATE") + acknowledge.get("BREACHED")),
                        targets.responseWithin24h()),
                Kpis.atLeast("handlingRate", "Complaint handling rate (closed ÷ registered)",
                        Kpis.ratio(complaints.closed(), complaints.registered()), targets.handlingRate()));
    }
}
