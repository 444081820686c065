package com.servicedesk.quality.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.servicedesk.events.quality.CapaOutcome;
import com.servicedesk.events.quality.CapaStatus;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality's key figures from {@code capas}: CAPAs open (OPEN or IN_PROGRESS), overdue actions, and how many closed
 * effective in their first PDCA cycle (÷ all closed effective: the share fixed right the first time).
 */
@Component
public class CapaStatistics {
    private final MongoCollection<Document> capas;
    private final CapaQuery query;

    public CapaStatistics(MongoDatabase readModelDatabase, CapaQuery query) {
        this.capas = readModelDatabase.getCollection(CapaProjection.COLLECTION);
        this.query = query;
    }

    public long open() {
        return capas.countDocuments(Filters.in("status", CapaStatus.OPEN.name(), CapaStatus.IN_PROGRESS.name()));
    }

    public long overdueActions() {
        return query.overdueActions(null).size();
    }

    public Map<String, Object> compute() {
        long closedEffective = capas.countDocuments(Filters.eq("closure.outcome", CapaOutcome.EFFECTIVE.name()));
        long firstCycle = capas.countDocuments(Filters.and(Filters.eq("closure.outcome", CapaOutcome.EFFECTIVE.name()),
                Filters.eq("closure.cycles", 1)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("open", open());
        result.put("overdueActions", overdueActions());
        result.put("closedEffective", closedEffective);
        result.put("closedAsContinuousImprovement",
                capas.countDocuments(Filters.eq("closure.outcome", CapaOutcome.CONTINUOUS_IMPROVEMENT.name())));
        result.put("cancelled", capas.countDocuments(Filters.eq("status", CapaStatus.CANCELLED.name())));
        result.put("effectiveFirstCycle", firstCycle);
        result.put("effectiveFirstCycleRate", closedEffective == 0 ? null
                : BigDecimal.valueOf(firstCycle).divide(BigDecimal.valueOf(closedEffective), 4, RoundingMode.HALF_UP));
        return result;
    }
}
