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
import com.servicedesk.reporting.report.YearlyReport;
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

/**
 * The yearly service summary report (DOMAIN.md; seed 003 §4.6), for all customers or one, in API.md's shape. Every
 * number is computed here once; the HTML and PDF print this record and nothing else.
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

    public YearlyReport report(int year, String customerId) {
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

        Document counted = complaintSummary.get("complaints", new Document());
        YearlyReport.Complaints complaintSection = complaintSection(counted);
        Document complaintClocks = complaintSummary.get("clocks", new Document());
        YearlyReport.Clocks clocks = new YearlyReport.Clocks(clock(complaintClocks, "acknowledge", now), clock(complaintClocks, "reply", now),
                clock(complaintClocks, "onSite", now), clock(orderSummary.get("clocks", new Document()), "report", now));
        Double handlingRate = Kpis.ratio(complaintSection.closed(), complaintSection.total());
        YearlyReport.FieldService fieldService = fieldService(orderSummary.get("fieldService", Document.class));
        YearlyReport.Satisfaction satisfaction = satisfaction(yearScorecards);
        ReportingProperties.Targets targets = properties.targets();
        List<Kpi> kpis = List.of(
                Kpis.atLeast("satisfaction", "Customers basically satisfied", satisfaction.satisfiedRate(), targets.satisfaction()),
                Kpis.atMost("serviceFailureRate", "Service failure rate", fieldService.failureRate(), targets.serviceFailureRate()),
                Kpis.atLeast("responseWithin24h", "Complaints acknowledged within 24 h", clocks.acknowledge().onTimeRate(),
                        targets.responseWithin24h()),
                Kpis.atLeast("handlingRate", "Complaint handling rate (closed ÷ registered)", handlingRate, targets.handlingRate()));
        return new YearlyReport(year, customerId, properties.zone().getId(), now, complaintSection,
                returns(complaintSummary.get("returns", Document.class)), clocks, handlingRate,
                timeToClose(complaintSummary.get("timeToClose", Document.class)), fieldService, capa(openedCapas), satisfaction,
                suggestions(yearScorecards), improvements(closedCapas), kpis);
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

    private static YearlyReport.Clock clock(Document clocks, String name, Instant now) {
        return YearlySummaries.clock(clocks.get(name, Document.class), now);
    }

    private static YearlyReport.Complaints complaintSection(Document counted) {
        return new YearlyReport.Complaints(YearlySummaries.number(counted, "total"),
                countBy(counted, "byCategory", ComplaintCategory.values()), countBy(counted, "byChannel", Channel.values()),
                countBy(counted, "byRegion", Region.values()), countBy(counted, "bySeverity", Severity.values()),
                YearlySummaries.number(counted, "companyResponsible"), YearlySummaries.number(counted, "closed"),
                YearlySummaries.number(counted, "open"), YearlySummaries.number(counted, "rejected"));
    }

    private static YearlyReport.Returns returns(Document returned) {
        return new YearlyReport.Returns(YearlySummaries.number(returned, "count"), YearlySummaries.number(returned, "quantity"));
    }

    private static YearlyReport.TimeToClose timeToClose(Document timeToClose) {
        TreeMap<Double, Long> hours = YearlySummaries.hoursToClose(timeToClose);
        return new YearlyReport.TimeToClose(YearlySummaries.number(timeToClose, "closed"),
                YearlySummaries.percentile(hours, 0.5), YearlySummaries.percentile(hours, 0.9));
    }

    private static YearlyReport.FieldService fieldService(Document orders) {
        long completed = YearlySummaries.number(orders, "completed");
        long failed = YearlySummaries.number(orders, "failed");
        return new YearlyReport.FieldService(YearlySummaries.number(orders, "orders"), completed,
                YearlySummaries.number(orders, "cancelled"), YearlySummaries.number(orders, "inWarranty"),
                YearlySummaries.number(orders, "paid"),
                Kpis.ratio(YearlySummaries.number(orders, "firstVisitFixed"), YearlySummaries.number(orders, "firstVisitCompleted")),
                YearlySummaries.number(orders, "sparePartsShipped"), failed, Kpis.ratio(failed, completed));
    }

    private YearlyReport.Capa capa(List<Document> opened) {
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
        List<YearlyReport.RootCause> top = causes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(properties.topRootCauses())
                .map(e -> new YearlyReport.RootCause(examples.get(e.getKey()).getString("method"),
                        examples.get(e.getKey()).getString("rootCause").trim(), e.getValue()))
                .toList();
        return new YearlyReport.Capa(opened.size(),
                opened.stream().filter(c -> "CLOSED".equals(c.getString("status"))).count(),
                opened.stream().filter(c -> "CANCELLED".equals(c.getString("status"))).count(),
                // overdue: a CAPA with an action that passed its due date unfinished, whether finished late since or not
                opened.stream().filter(c -> c.getList("actions", Document.class).stream()
                        .anyMatch(a -> a.getBoolean("overdue") || a.getBoolean("late"))).count(),
                opened.stream().filter(c -> "EFFECTIVE".equals(c.getString("outcome")) && c.getInteger("cycles") == 1).count(),
                top);
    }

    private YearlyReport.Satisfaction satisfaction(List<Document> cards) {
        List<Document> surveyed = cards.stream().filter(c -> c.get("finalScore") != null).toList();
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
        List<YearlyReport.CustomerScore> below = surveyed.stream().filter(c -> Boolean.FALSE.equals(c.getBoolean("satisfied")))
                .sorted(Comparator.comparing((Document c) -> decimal(c.get("finalScore"))).thenComparing(c -> c.getString("customerId")))
                .map(c -> new YearlyReport.CustomerScore(c.getString("customerId"), decimal(c.get("finalScore"))))
                .toList();
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
        return new YearlyReport.Satisfaction(surveyed.size(),
                surveyed.isEmpty() ? null : sum.divide(BigDecimal.valueOf(surveyed.size()), 2, RoundingMode.HALF_UP),
                Kpis.ratio(satisfied, surveyed.size()), distribution, below, weakestItems(surveyed),
                new YearlyReport.Deductions(deductions, points));
    }

    /** Items by the share of their weight the customers gave, lowest first: comparable whatever an item weighs. */
    private List<YearlyReport.WeakItem> weakestItems(List<Document> surveyed) {
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
            return new YearlyReport.WeakItem(e.getKey(), names.get(e.getKey()), mean.doubleValue());
        }).sorted(Comparator.comparingDouble(YearlyReport.WeakItem::share).thenComparing(YearlyReport.WeakItem::code))
                .limit(properties.weakestItems()).toList();
    }

    private static List<YearlyReport.Suggestion> suggestions(List<Document> cards) {
        List<YearlyReport.Suggestion> suggestions = new ArrayList<>();
        for (Document card : cards) {
            for (Document survey : card.getList("surveys", Document.class)) {
                String comments = survey.getString("comments");
                if (comments != null && !comments.isBlank()) {
                    suggestions.add(new YearlyReport.Suggestion(card.getString("customerId"), card.getInteger("year"), comments.trim()));
                }
            }
        }
        suggestions.sort(Comparator.comparing(YearlyReport.Suggestion::customerId));
        return suggestions;
    }

    private static List<YearlyReport.Improvement> improvements(List<Document> closed) {
        return closed.stream().filter(c -> "EFFECTIVE".equals(c.getString("outcome")))
                .sorted(Comparator.comparing(c -> c.getDate("closedAt")))
                .map(c -> {
                    List<Document> rootCauses = c.getList("rootCauses", Document.class);
                    return new YearlyReport.Improvement(c.getString("_id"), c.getString("problemStatement"),
                            rootCauses.isEmpty() ? null : rootCauses.get(rootCauses.size() - 1).getString("rootCause"),
                            c.getList("actions", Document.class).stream().map(a -> a.getString("description")).toList(),
                            c.getList("documents", String.class), c.getDate("closedAt").toInstant(), c.getString("outcome"));
                }).toList();
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
