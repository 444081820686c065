package com.servicedesk.reporting.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.platform.mongo.Documents;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private final MongoCollection<Document> complaints;
    private final MongoCollection<Document> complaintSummaries;
    private final MongoCollection<Document> orderSummaries;
    private final MongoCollection<Document> capas;
    private final MongoCollection<Document> scorecards;
    private final ReportingProperties properties;
    private final Clock clock;

    public YearlyReportQuery(MongoDatabase readModelDatabase, ReportingProperties properties, Clock clock) {
        this.complaints = readModelDatabase.getCollection(ComplaintStoryProjection.COLLECTION);
        this.complaintSummaries = readModelDatabase.getCollection(YearlySummaries.COMPLAINTS);
        this.orderSummaries = readModelDatabase.getCollection(YearlySummaries.SERVICE_ORDERS);
        this.capas = readModelDatabase.getCollection(CapaFactsProjection.COLLECTION);
        this.scorecards = readModelDatabase.getCollection(ScorecardFactsProjection.COLLECTION);
        this.properties = properties;
        this.clock = clock;
    }

    public Map<String, Object> report(int year, String customerId) {
        Instant now = clock.instant();
        // the complaints and orders of a year are read as their summaries: two documents however many there are
        Document complaintSummary = summary(complaintSummaries, year, customerId);
        Document orderSummary = summary(orderSummaries, year, customerId);
        List<Document> yearScorecards = scorecards.find(forYear("year", year, customerId)).batchSize(Documents.READ_BATCH).into(new ArrayList<>());
        List<Document> openedCapas = capas.find(Filters.eq("openedYear", year)).batchSize(Documents.READ_BATCH).into(new ArrayList<>());
        List<Document> closedCapas = capas.find(Filters.eq("closedYear", year)).batchSize(Documents.READ_BATCH).into(new ArrayList<>());
        if (customerId != null) {
            // a customer's CAPAs are those its complaints caused; internal ones belong to no customer
            Set<String> theirs = complaintsOf(customerId, openedCapas, closedCapas);
            openedCapas.removeIf(c -> !theirs.contains(c.getString("complaintId")));
            closedCapas.removeIf(c -> !theirs.contains(c.getString("complaintId")));
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("year", year);
        report.put("customerId", customerId);
        report.put("zone", properties.zone().getId());
        report.put("generatedAt", now);
        Document counted = complaintSummary.get("complaints", new Document());
        Map<String, Object> complaintSection = complaintSection(counted);
        report.put("complaints", complaintSection);
        report.put("returns", returns(complaintSummary.get("returns", Document.class)));
        Map<String, Map<String, Object>> clocks = clocks(complaintSummary.get("clocks", new Document()),
                orderSummary.get("clocks", new Document()), now);
        report.put("clocks", clocks);
        long total = YearlySummaries.number(counted, "total");
        long closed = YearlySummaries.number(counted, "closed");
        report.put("handlingRate", Kpis.ratio(closed, total));
        report.put("timeToClose", timeToClose(complaintSummary.get("timeToClose", Document.class)));
        Map<String, Object> fieldService = fieldService(orderSummary.get("fieldService", Document.class));
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

    private static Document summary(MongoCollection<Document> summaries, int year, String customerId) {
        Document summary = summaries.find(Filters.eq("_id", YearlySummaries.id(year, customerId))).first();
        return summary == null ? new Document() : summary;
    }

    /** Of the complaints these CAPAs came from, those of the customer: read by id, as many as there are CAPAs. */
    private Set<String> complaintsOf(String customerId, List<Document> opened, List<Document> closed) {
        Set<String> sources = new HashSet<>();
        opened.forEach(c -> sources.add(c.getString("complaintId")));
        closed.forEach(c -> sources.add(c.getString("complaintId")));
        sources.remove(null);
        Set<String> theirs = new HashSet<>();
        if (!sources.isEmpty()) {
            complaints.find(Filters.and(Filters.in("_id", sources), Filters.eq("customerId", customerId)))
                    .projection(Projections.include("_id")).forEach(c -> theirs.add(c.getString("_id")));
        }
        return theirs;
    }

    private static Map<String, Long> countBy(Document counted, String field, Enum<?>[] values) {
        Document counts = counted.get(field, new Document());
        Map<String, Long> byValue = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            byValue.put(value.name(), YearlySummaries.number(counts, value.name()));
        }
        return byValue;
    }

    private static Map<String, Object> clockView(YearlySummaries.ClockCounts clock) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("onTimeRate", Kpis.ratio(clock.met(), clock.met() + clock.metLate() + clock.breached()));
        view.put("met", clock.met());
        view.put("metLate", clock.metLate());
        view.put("breached", clock.breached());
        view.put("running", clock.running());
        return view;
    }

    private static Map<String, Object> complaintSection(Document counted) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("total", YearlySummaries.number(counted, "total"));
        section.put("byCategory", countBy(counted, "byCategory", ComplaintCategory.values()));
        section.put("byChannel", countBy(counted, "byChannel", Channel.values()));
        section.put("byRegion", countBy(counted, "byRegion", Region.values()));
        section.put("bySeverity", countBy(counted, "bySeverity", Severity.values()));
        for (String field : List.of("companyResponsible", "closed", "open", "rejected")) {
            section.put(field, YearlySummaries.number(counted, field));
        }
        return section;
    }

    private static Map<String, Object> returns(Document returned) {
        Map<String, Object> returns = new LinkedHashMap<>();
        returns.put("count", YearlySummaries.number(returned, "count"));
        returns.put("quantity", YearlySummaries.number(returned, "quantity"));
        return returns;
    }

    private static Map<String, Map<String, Object>> clocks(Document complaintClocks, Document orderClocks, Instant now) {
        Map<String, Map<String, Object>> clocks = new LinkedHashMap<>();
        for (String name : List.of("acknowledge", "reply", "onSite")) {
            clocks.put(name, clockView(YearlySummaries.ClockCounts.of(complaintClocks.get(name, Document.class), now)));
        }
        clocks.put("report", clockView(YearlySummaries.ClockCounts.of(orderClocks.get("report", Document.class), now)));
        return clocks;
    }

    private static Map<String, Object> timeToClose(Document timeToClose) {
        TreeMap<Double, Long> hours = YearlySummaries.hoursToClose(timeToClose);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("closed", YearlySummaries.number(timeToClose, "closed"));
        view.put("medianHours", YearlySummaries.percentile(hours, 0.5));
        view.put("p90Hours", YearlySummaries.percentile(hours, 0.9));
        return view;
    }

    private static Map<String, Object> fieldService(Document orders) {
        long completed = YearlySummaries.number(orders, "completed");
        long failed = YearlySummaries.number(orders, "failed");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orders", YearlySummaries.number(orders, "orders"));
        view.put("completed", completed);
        view.put("cancelled", YearlySummaries.number(orders, "cancelled"));
        view.put("inWarranty", YearlySummaries.number(orders, "inWarranty"));
        view.put("paid", YearlySummaries.number(orders, "paid"));
        view.put("firstVisitFixRate", Kpis.ratio(YearlySummaries.number(orders, "firstVisitFixed"), YearlySummaries.number(orders, "firstVisitCompleted")));
        view.put("sparePartsShipped", YearlySummaries.number(orders, "sparePartsShipped"));
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
