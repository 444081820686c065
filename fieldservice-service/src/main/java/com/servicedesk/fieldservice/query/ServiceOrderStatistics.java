package com.servicedesk.fieldservice.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.intake.Region;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field service's key figures from {@code service_orders}, over all orders or those opened in a period:
 * <ul>
 *   <li>on-site on-time rate per region: arrivals by the on-site deadline ÷ arrivals;</li>
 *   <li>first-visit fix rate: first orders of their complaint completed {@code RESOLVED} ÷ first orders completed
 *       (a repeat visit is by definition not a first-visit fix, so it is left out of both);</li>
 *   <li>in-warranty vs paid: orders by the billing their fault verification decided;</li>
 *   <li>service reports: submitted, of which late, and overdue ones still missing.</li>
 * </ul>
 * Rates are fractions with four decimals, null when there is nothing to divide by.
 */
@Component
public class ServiceOrderStatistics {
    private final MongoCollection<Document> orders;

    public ServiceOrderStatistics(MongoDatabase readModelDatabase) {
        this.orders = readModelDatabase.getCollection(ServiceOrderProjection.ORDERS);
    }

    public Map<String, Object> compute() {
        Map<Region, int[]> arrivals = new EnumMap<>(Region.class);
        for (Region region : Region.values()) {
            arrivals.put(region, new int[2]);
        }
        Map<Billing, Integer> billing = new EnumMap<>(Billing.class);
        for (Billing value : Billing.values()) {
            billing.put(value, 0);
        }
        int firstVisitsCompleted = 0;
        int firstVisitsResolved = 0;
        int reportsSubmitted = 0;
        int reportsLate = 0;
        int orderCount = 0;
        for (Document order : orders.find().projection(Projections.include("region", "visitNumber", "arrival", "billing",
                "completion", "report")).batchSize(Documents.READ_BATCH)) {
            orderCount++;
            Document arrival = order.get("arrival", Document.class);
            if (arrival != null) {
                int[] counts = arrivals.get(Region.valueOf(order.getString("region")));
                counts[0]++;
                counts[1] += arrival.getBoolean("onTime") ? 1 : 0;
            }
            if (order.getString("billing") != null) {
                billing.merge(Billing.valueOf(order.getString("billing")), 1, Integer::sum);
            }
            Document completion = order.get("completion", Document.class);
            if (completion != null && ((Number) order.get("visitNumber")).intValue() == 1) {
                firstVisitsCompleted++;
                firstVisitsResolved += ServiceResult.RESOLVED.name().equals(completion.getString("result")) ? 1 : 0;
            }
            Document report = order.get("report", Document.class);
            if (report != null && report.getString("outcome") != null) {
                reportsSubmitted++;
                reportsLate += "MET_LATE".equals(report.getString("outcome")) ? 1 : 0;
            }
        }
        Map<String, Object> onSite = new LinkedHashMap<>();
        int allArrivals = 0;
        int allOnTime = 0;
        for (Map.Entry<Region, int[]> entry : arrivals.entrySet()) {
            int[] counts = entry.getValue();
            allArrivals += counts[0];
            allOnTime += counts[1];
            onSite.put(entry.getKey().name(), fields("arrivals", counts[0], "onTime", counts[1], "onTimeRate", rateOrNull(counts[1], counts[0])));
        }
        onSite.put("overall", fields("arrivals", allArrivals, "onTime", allOnTime, "onTimeRate", rateOrNull(allOnTime, allArrivals)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orders", orderCount);
        result.put("onSite", onSite);
        result.put("firstVisitFix", fields("firstVisitsCompleted", firstVisitsCompleted, "resolved", firstVisitsResolved,
                "rate", rateOrNull(firstVisitsResolved, firstVisitsCompleted)));
        result.put("billing", billing);
        result.put("reports", fields("submitted", reportsSubmitted, "late", reportsLate,
                "overdueMissing", orders.countDocuments(Filters.and(Filters.ne("report", null), Filters.eq("report.outcome", null),
                        Filters.ne("report.breachedAt", null), Filters.ne("status", "CANCELLED")))));
        return result;
    }

    private static BigDecimal rateOrNull(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** Name-value pairs in order; unlike Map.of it keeps a null rate. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
