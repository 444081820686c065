package com.servicedesk.reporting.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.platform.mongo.Documents;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.reporting.config.ReportingProperties;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The yearly service summary report (DOMAIN.md; seed 003 §4.6), for all customers or one, in API.md's shape. Every
 * number is computed here once; the HTML and PDF print this map and nothing else.
 * <p>
 * What belongs to a year (decided): complaints by the local year of their receipt, and with them their clocks, returns
 * and service orders; CAPAs by the year they opened, improvements by the year they closed; scorecards by their year.
 * For one customer, CAPAs are those sourced from that customer's complaints. A clock's on-time rate is met on time ÷
 * (met + met late + breached while still running); clocks still running inside their time are not judged yet.
 */
@Component
public class YearlyReportQuery {
    private static final String[] BANDS = {"90-100", "80-89", "70-79", "60-69", "0-59"};
    /**
     * The complaint fields the report reads: a year holds 100,000 complaints and more, and each story's history and
     * texts would multiply what crosses the wire and sits in memory while the report is computed.
     */
    private static final Bson REPORTED = Projections.include("customerId", "category", "channel", "region", "severity",
            "companyResponsible", "status", "open", "returns", "clocks", "onSite", "hoursToClose");

    private final MongoCollection<Document> complaints;
    private final MongoCollection<Document> orders;
    private final MongoCollection<Document> capas;
    private final MongoCollection<Document> scorecards;
    private final ReportingProperties properties;
    private final Clock clock;

    public YearlyReportQuery(MongoDatabase readModelDatabase, ReportingProperties properties, Clock clock) {
        this.complaints = readModelDatabase.getCollection(ComplaintStoryProjection.COLLECTION);
        this.orders = readModelDatabase.getCollection(ServiceOrderFactsProjection.COLLECTION);
        this.capas = readModelDatabase.getCollection(CapaFactsProjection.COLLECTION);
        this.scorecards = readModelDatabase.getCollection(ScorecardFactsProjection.COLLECTION);
        this.properties = properties;
        this.clock = clock;
    }

    public Map<String, Object> report(int year, String customerId) {
        Instant now = clock.instant();
        // streamed and tallied as read: a year of 100,000 complaints held as documents outgrew the service's heap
        ComplaintTally yearComplaints = new ComplaintTally(now);
        complaints.find(forYear("receivedYear", year, customerId)).projection(REPORTED).batchSize(Documents.READ_BATCH).forEach(yearComplaints::add);
        List<Document> yearOrders = orders.find(forYear("complaintYear", year, customerId)).batchSize(Documents.READ_BATCH).into(new ArrayList<>());
        List<Document> yearScorecards = scorecards.find(forYear("year", year, customerId)).batchSize(Documents.READ_BATCH).into(new ArrayList<>());
        List<Document> openedCapas = capas.find(Filters.eq("openedYear", year)).batchSize(Documents.READ_BATCH).into(new ArrayList<>());
        List<Document> closedCapas = capas.find(Filters.eq("closedYear", year)).batchSize(Documents.READ_BATCH).into(new ArrayList<>());
        if (customerId != null) {
            // a customer's CAPAs are those its complaints caused; internal ones belong to no customer
            List<String> ids = complaints.find(Filters.eq("customerId", customerId)).projection(Projections.include("_id")).batchSize(Documents.READ_BATCH)
                    .map(c -> c.getString("_id")).into(new ArrayList<>());
            openedCapas.removeIf(c -> !ids.contains(c.getString("complaintId")));
            closedCapas.removeIf(c -> !ids.contains(c.getString("complaintId")));
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("year", year);
        report.put("customerId", customerId);
        report.put("zone", properties.zone().getId());
        report.put("generatedAt", now);
        Map<String, Object> complaintSection = complaintSection(yearComplaints);
        report.put("complaints", complaintSection);
        report.put("returns", returns(yearComplaints));
        Map<String, Map<String, Object>> clocks = clocks(yearComplaints, yearOrders, now);
        report.put("clocks", clocks);
        long total = yearComplaints.total;
        long closed = (Long) complaintSection.get("closed");
        report.put("handlingRate", Kpis.ratio(closed, total));
        report.put("timeToClose", timeToClose(yearComplaints));
        Map<String, Object> fieldService = fieldService(yearOrders);
        report.put("fieldService", fieldService);
        report.put("capa", capa(openedCapas));
        Map<String, Object> satisfaction = satisfaction(yearScorecards);
        report.put("satisfaction", satisfaction);
        report.put("suggestions", suggestions(yearScorecards));
        report.put("improvements", improvements(closedCapas));
        ReportingProperties.Targets targets = properties.targets();
        Map<String, Object> acknowledge = clocks.get("acknowledge");
        report.put("kpis", List.of(
                Kpis.atLeast("satisfaction", "Customers basically satisfied", (Double) satisfaction.get("satisfiedRate"),
                        targets.satisfaction()),
                Kpis.atMost("serviceFailureRate", "Service failure rate", (Double) fieldService.get("failureRate"),
                        targets.serviceFailureRate()),
                Kpis.atLeast("responseWithin24h", "Complaints acknowledged within 24 h", (Double) acknowledge.get("onTimeRate"),
                        targets.responseWithin24h()),
                Kpis.atLeast("handlingRate", "Complaint handling rate (closed ÷ registered)", Kpis.ratio(closed, total),
                        targets.handlingRate())));
        return report;
    }

    private static Bson forYear(String field, int year, String customerId) {
        return customerId == null ? Filters.eq(field, year) : Filters.and(Filters.eq(field, year), Filters.eq("customerId", customerId));
    }

    /** What the report needs of the year's complaints, gathered in one pass over the cursor. */
    private static final class ComplaintTally {
        private final Instant now;
        long total;
        long companyResponsible;
        long closed;
        long open;
        long rejected;
        long returns;
        long returnedQuantity;
        final Map<String, Map<String, Long>> byField = new LinkedHashMap<>();
        final ClockTally acknowledge = new ClockTally();
        final ClockTally reply = new ClockTally();
        final ClockTally onSite = new ClockTally();
        final List<Double> hoursToClose = new ArrayList<>();

        ComplaintTally(Instant now) {
            this.now = now;
        }

        void add(Document complaint) {
            total++;
            for (String field : List.of("category", "channel", "region", "severity")) {
                byField.computeIfAbsent(field, f -> new LinkedHashMap<>()).merge(complaint.getString(field), 1L, Long::sum);
            }
            String status = complaint.getString("status");
            boolean isRejected = ComplaintStatus.REJECTED.name().equals(status);
            if (Boolean.TRUE.equals(complaint.getBoolean("companyResponsible"))) {
                companyResponsible++;
            }
            if (ComplaintStatus.CLOSED.name().equals(status)) {
                closed++;
            }
            if (complaint.getBoolean("open")) {
                open++;
            }
            if (isRejected) {
                rejected++;
            }
            for (Document returned : complaint.getList("returns", Document.class)) {
                returns++;
                returnedQuantity += returned.getInteger("quantity");
            }
            // a rejected complaint owes no more acknowledgement or reply: its clocks count only if they had stopped
            Document clocks = complaint.get("clocks", Document.class);
            for (String name : List.of("acknowledge", "reply")) {
                Document clock = clocks.get(name, Document.class);
                if (!isRejected || clock.get("outcome") != null) {
                    (name.equals("acknowledge") ? acknowledge : reply).add(clock, now);
                }
            }
            // a cancelled visit owes no arrival: its clock counts only if the technician had arrived
            complaint.getList("onSite", Document.class).stream()
                    .filter(visit -> visit.get("metAt") != null || !visit.getBoolean("cancelled", false))
                    .forEach(visit -> onSite.add(visit, now));
            Object hours = complaint.get("hoursToClose");
            if (hours != null) {
                hoursToClose.add(((Number) hours).doubleValue());
            }
        }

        Map<String, Long> countBy(String field, Enum<?>[] values) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Enum<?> value : values) {
                counts.put(value.name(), byField.getOrDefault(field, Map.of()).getOrDefault(value.name(), 0L));
            }
            return counts;
        }
    }

    /** One kind of clock: how many were met, met late, breached, or are still running. */
    private static final class ClockTally {
        long met;
        long metLate;
        long breached;
        long running;

        void add(Document clock, Instant now) {
            ClockState state = ClockState.of(clock.getString("outcome"), clock.getDate("dueAt").toInstant(),
                    clock.getDate("atRiskAt").toInstant(), now);
            if (state == ClockState.MET) {
                met++;
            } else if (state == ClockState.MET_LATE) {
                metLate++;
            } else if (state == ClockState.BREACHED) {
                breached++;
            } else {
                running++;
            }
        }

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("onTimeRate", Kpis.ratio(met, met + metLate + breached));
            view.put("met", met);
            view.put("metLate", metLate);
            view.put("breached", breached);
            view.put("running", running);
            return view;
        }
    }

    private static Map<String, Object> complaintSection(ComplaintTally complaints) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("total", complaints.total);
        section.put("byCategory", complaints.countBy("category", ComplaintCategory.values()));
        section.put("byChannel", complaints.countBy("channel", Channel.values()));
        section.put("byRegion", complaints.countBy("region", Region.values()));
        section.put("bySeverity", complaints.countBy("severity", Severity.values()));
        section.put("companyResponsible", complaints.companyResponsible);
        section.put("closed", complaints.closed);
        section.put("open", complaints.open);
        section.put("rejected", complaints.rejected);
        return section;
    }

    private static Map<String, Object> returns(ComplaintTally complaints) {
        Map<String, Object> returns = new LinkedHashMap<>();
        returns.put("count", complaints.returns);
        returns.put("quantity", complaints.returnedQuantity);
        return returns;
    }

    private static Map<String, Map<String, Object>> clocks(ComplaintTally complaints, List<Document> orders, Instant now) {
        ClockTally report = new ClockTally();
        orders.stream().map(o -> o.get("report", Document.class)).filter(r -> r != null).forEach(r -> report.add(r, now));
        Map<String, Map<String, Object>> clocks = new LinkedHashMap<>();
        clocks.put("acknowledge", complaints.acknowledge.view());
        clocks.put("reply", complaints.reply.view());
        clocks.put("onSite", complaints.onSite.view());
        clocks.put("report", report.view());
        return clocks;
    }

    private static Map<String, Object> timeToClose(ComplaintTally complaints) {
        List<Double> hours = new ArrayList<>(complaints.hoursToClose);
        hours.sort(null);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("closed", (long) hours.size());
        view.put("medianHours", percentile(hours, 0.5));
        view.put("p90Hours", percentile(hours, 0.9));
        return view;
    }

    /** Linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC), rounded to 2 places. */
    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = p * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        double value = sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, Object> fieldService(List<Document> orders) {
        long completed = orders.stream().filter(o -> o.get("result") != null).count();
        long failed = orders.stream().filter(o -> o.get("result") != null
                && (!ServiceResult.RESOLVED.name().equals(o.getString("result")) || Boolean.FALSE.equals(o.getBoolean("arrivedOnTime")))).count();
        long firstCompleted = orders.stream().filter(o -> o.getBoolean("firstVisit") && o.get("result") != null).count();
        long firstFixed = orders.stream().filter(o -> o.getBoolean("firstVisit") && ServiceResult.RESOLVED.name().equals(o.getString("result"))).count();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orders", (long) orders.size());
        view.put("completed", completed);
        view.put("cancelled", orders.stream().filter(o -> o.getBoolean("cancelled")).count());
        view.put("inWarranty", orders.stream().filter(o -> Billing.IN_WARRANTY.name().equals(o.getString("billing"))).count());
        view.put("paid", orders.stream().filter(o -> Billing.PAID.name().equals(o.getString("billing"))).count());
        view.put("firstVisitFixRate", Kpis.ratio(firstFixed, firstCompleted));
        view.put("sparePartsShipped", orders.stream().mapToLong(o -> o.getInteger("sparePartsShipped")).sum());
        view.put("failed", failed);
        view.put("failureRate", Kpis.ratio(failed, completed));
        return view;
    }

    private Map<String, Object> capa(List<Document> opened) {
        Map<String, Long> causes = new TreeMap<>();
        Map<String, Document> examples = new LinkedHashMap<>();
        for (Document capa : opened) {
            List<Document> rootCauses = capa.getList("rootCauses", Document.class);
            if (!rootCauses.isEmpty()) {
                Document latest = rootCauses.get(rootCauses.size() - 1);
                // the same cause written twice with other capitals or spaces is still one cause
                String key = latest.getString("method") + "|" + latest.getString("rootCause").trim().toLowerCase();
                causes.merge(key, 1L, Long::sum);
                examples.putIfAbsent(key, latest);
            }
        }
        List<Map<String, Object>> top = causes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(properties.topRootCauses())
                .map(e -> {
                    Map<String, Object> cause = new LinkedHashMap<>();
                    cause.put("method", examples.get(e.getKey()).getString("method"));
                    cause.put("rootCause", examples.get(e.getKey()).getString("rootCause").trim());
                    cause.put("count", e.getValue());
                    return cause;
                }).collect(Collectors.toList());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("opened", (long) opened.size());
        view.put("closed", opened.stream().filter(c -> "CLOSED".equals(c.getString("status"))).count());
        view.put("cancelled", opened.stream().filter(c -> "CANCELLED".equals(c.getString("status"))).count());
        // overdue: a CAPA with an action that passed its due date unfinished, whether finished late since or not
        view.put("overdue", opened.stream().filter(c -> c.getList("actions", Document.class).stream()
                .anyMatch(a -> a.getBoolean("overdue") || a.getBoolean("late"))).count());
        view.put("effectiveFirstCycle", opened.stream().filter(c -> "EFFECTIVE".equals(c.getString("outcome"))
                && c.getInteger("cycles") == 1).count());
        view.put("topRootCauses", top);
        return view;
    }

    private Map<String, Object> satisfaction(List<Document> cards) {
        List<Document> surveyed = cards.stream().filter(c -> c.get("finalScore") != null).collect(Collectors.toList());
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (String band : BANDS) {
            distribution.put(band, 0L);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Document card : surveyed) {
            BigDecimal score = decimal(card.get("finalScore"));
            sum = sum.add(score);
            distribution.merge(band(score), 1L, Long::sum);
        }
        long satisfied = surveyed.stream().filter(c -> Boolean.TRUE.equals(c.getBoolean("satisfied"))).count();
        List<Map<String, Object>> below = surveyed.stream().filter(c -> Boolean.FALSE.equals(c.getBoolean("satisfied")))
                .sorted(Comparator.comparing((Document c) -> decimal(c.get("finalScore"))).thenComparing(c -> c.getString("customerId")))
                .map(c -> {
                    Map<String, Object> customer = new LinkedHashMap<>();
                    customer.put("customerId", c.getString("customerId"));
                    customer.put("finalScore", decimal(c.get("finalScore")));
                    return customer;
                }).collect(Collectors.toList());
        long deductions = 0;
        long points = 0;
        for (Document card : cards) {
            for (Document deduction : card.getList("deductions", Document.class)) {
                if (deduction.getBoolean("active")) {
                    deductions++;
                    points += deduction.getInteger("points");
                }
            }
        }
        Map<String, Object> deductionView = new LinkedHashMap<>();
        deductionView.put("count", deductions);
        deductionView.put("points", points);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("customersSurveyed", (long) surveyed.size());
        view.put("mean", surveyed.isEmpty() ? null : sum.divide(BigDecimal.valueOf(surveyed.size()), 2, RoundingMode.HALF_UP));
        view.put("satisfiedRate", Kpis.ratio(satisfied, surveyed.size()));
        view.put("distribution", distribution);
        view.put("below70", below);
        view.put("weakestItems", weakestItems(surveyed));
        view.put("deductions", deductionView);
        return view;
    }

    /** Items by the share of their weight the customers gave, lowest first: comparable whatever an item weighs. */
    private List<Map<String, Object>> weakestItems(List<Document> surveyed) {
        Map<String, List<BigDecimal>> shares = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Document card : surveyed) {
            for (Document item : card.getList("items", Document.class)) {
                names.put(item.getString("code"), item.getString("name"));
                shares.computeIfAbsent(item.getString("code"), code -> new ArrayList<>())
                        .add(decimal(item.get("score")).divide(BigDecimal.valueOf(item.getInteger("weight")), 6, RoundingMode.HALF_UP));
            }
        }
        return shares.entrySet().stream().map(e -> {
            BigDecimal mean = e.getValue().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(e.getValue().size()), 4, RoundingMode.HALF_UP);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", e.getKey());
            item.put("name", names.get(e.getKey()));
            item.put("share", mean.doubleValue());
            return item;
        }).sorted(Comparator.comparing((Map<String, Object> i) -> (Double) i.get("share")).thenComparing(i -> (String) i.get("code")))
                .limit(properties.weakestItems()).collect(Collectors.toList());
    }

    private static List<Map<String, Object>> suggestions(List<Document> cards) {
        List<Map<String, Object>> suggestions = new ArrayList<>();
        for (Document card : cards) {
            for (Document survey : card.getList("surveys", Document.class)) {
                String comments = survey.getString("comments");
                if (comments != null && !comments.isBlank()) {
                    Map<String, Object> suggestion = new LinkedHashMap<>();
                    suggestion.put("customerId", card.getString("customerId"));
                    suggestion.put("year", card.getInteger("year"));
                    suggestion.put("comments", comments.trim());
                    suggestions.add(suggestion);
                }
            }
        }
        suggestions.sort(Comparator.comparing(s -> (String) s.get("customerId")));
        return suggestions;
    }

    private static List<Map<String, Object>> improvements(List<Document> closed) {
        return closed.stream().filter(c -> "EFFECTIVE".equals(c.getString("outcome")))
                .sorted(Comparator.comparing(c -> c.getDate("closedAt")))
                .map(c -> {
                    List<Document> rootCauses = c.getList("rootCauses", Document.class);
                    Map<String, Object> improvement = new LinkedHashMap<>();
                    improvement.put("capaId", c.getString("_id"));
                    improvement.put("problemStatement", c.getString("problemStatement"));
                    improvement.put("rootCause", rootCauses.isEmpty() ? null : rootCauses.get(rootCauses.size() - 1).getString("rootCause"));
                    improvement.put("actions", c.getList("actions", Document.class).stream().map(a -> a.getString("description")).collect(Collectors.toList()));
                    improvement.put("documents", c.getList("documents", String.class));
                    improvement.put("closedAt", c.getDate("closedAt").toInstant());
                    improvement.put("outcome", c.getString("outcome"));
                    return improvement;
                }).collect(Collectors.toList());
    }

    private static String band(BigDecimal score) {
        if (score.compareTo(BigDecimal.valueOf(90)) >= 0) {
            return BANDS[0];
        }
        if (score.compareTo(BigDecimal.valueOf(80)) >= 0) {
            return BANDS[1];
        }
        if (score.compareTo(BigDecimal.valueOf(70)) >= 0) {
            return BANDS[2];
        }
        return score.compareTo(BigDecimal.valueOf(60)) >= 0 ? BANDS[3] : BANDS[4];
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof Decimal128 ? ((Decimal128) value).bigDecimalValue() : new BigDecimal(value.toString());
    }
}
