package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.platform.consumer.AppliedSequences;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rebuild's applied sequences, in memory: the replay is the only writer of its shadow, so nothing else needs to
 * read them before the swap writes them in bulk. Replaces a find and an upsert per event by one map lookup.
 */
final class ReplayedSequences extends AppliedSequences {
    private final Map<String, Map<String, Long>> byConsumer = new HashMap<>();

    ReplayedSequences(MongoDatabase shadow) {
        super(shadow);
    }

    @Override
    public Optional<Long> lastApplied(String consumer, String aggregateId) {
        return Optional.ofNullable(byConsumer.getOrDefault(consumer, Map.of()).get(aggregateId));
    }

    @Override
    public void record(String consumer, String aggregateId, long sequence) {
        byConsumer.computeIfAbsent(consumer, c -> new HashMap<>()).merge(aggregateId, sequence, Math::max);
    }

    List<Document> documents(String consumer) {
        return byConsumer.getOrDefault(consumer, Map.of()).entrySet().stream()
                .map(applied -> AppliedSequences.document(consumer, applied.getKey(), applied.getValue())).toList();
    }
}
