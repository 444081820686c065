package com.servicedesk.satisfaction.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code scorecards} read model and answers in the API's shape (API.md, Satisfaction). */
@Component
public class ScorecardQuery {
    private final MongoCollection<Document> scorecards;

    public ScorecardQuery(MongoDatabase readModelDatabase) {
        this.scorecards = readModelDatabase.getCollection(ScorecardProjection.COLLECTION);
    }

    public Optional<Map<String, Object>> byId(String scorecardId) {
        return Optional.ofNullable(scorecards.find(Filters.eq("_id", scorecardId)).first()).map(Documents::view);
    }

    /**
     * By year (newest first), then customer. {@code below} keeps the scorecards whose final score is under it; a
     * scorecard without a survey response has no final score and is never below anything.
     */
    public Map<String, Object> list(Integer year, BigDecimal below, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (year != null) {
            filters.add(Filters.eq("year", year));
        }
        if (below != null) {
            filters.add(Filters.lt("finalScore", new Decimal128(below)));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Map<String, Object>> content = new ArrayList<>();
        scorecards.find(filter).sort(Sorts.orderBy(Sorts.descending("year"), Sorts.ascending("customerId")))
                .skip(page * size).limit(size).forEach(card -> content.add(Documents.view(card)));
        return Documents.page(content, page, size, scorecards.countDocuments(filter));
    }

    /**
     * Per survey item, the mean over the year's scorecards of the score of the response that counts, and that mean
     * as a percentage of the item's weight: the lowest percentages are the weakest items (the yearly report's
     * "weakest items"), listed first.
     */
    public Map<String, Object> itemMeans(int year) {
        Map<String, ItemTotal> totals = new LinkedHashMap<>();
        int surveyed = 0;
        for (Document card : scorecards.find(Filters.and(Filters.eq("year", year), Filters.ne("baseScore", null)))
                .projection(Projections.include("items")).batchSize(Documents.READ_BATCH)) {
            surveyed++;
            for (Document item : card.getList("items", Document.class)) {
                totals.computeIfAbsent(item.getString("code"), code -> new ItemTotal(code, item.getString("name"), item.getInteger("weight")))
                        .add(item.get("score", Decimal128.class).bigDecimalValue());
            }
        }
        List<Map<String, Object>> items = totals.values().stream().map(ItemTotal::view)
                .sorted(Comparator.comparing((Map<String, Object> item) -> (BigDecimal) item.get("meanPercent"))
                        .thenComparing(item -> (String) item.get("code")))
                .toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("year", year);
        result.put("customersSurveyed", surveyed);
        result.put("items", items);
        return result;
    }

    private static final class ItemTotal {
        private final String code;
        private final String name;
        private final int weight;
        private BigDecimal sum = BigDecimal.ZERO;
        private int count;

        ItemTotal(String code, String name, int weight) {
            this.code = code;
            this.name = name;
            this.weight = weight;
        }

        void add(BigDecimal score) {
            sum = sum.add(score);
            count++;
        }

        Map<String, Object> view() {
            BigDecimal mean = sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("code", code);
            view.put("name", name);
            view.put("weight", weight);
            view.put("responses", count);
            view.put("meanScore", mean);
            view.put("meanPercent", sum.multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf((long) count * weight), 2, RoundingMode.HALF_UP));
            return view;
        }
    }
}
