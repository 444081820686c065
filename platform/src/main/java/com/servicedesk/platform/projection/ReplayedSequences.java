package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.platform.consumer.AppliedSequences;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rebuild's applied sequences, in memory: the replay is the only writer of its shadow, so nothing else needs to
 * read them before the swap writes them in bulk. Replaces a query and a bulk write per batch by map look-ups.
 */
final class ReplayedSequences extends AppliedSequences {
    private final Map<String, Map<String, Long>> byConsumer = new HashMap<>();

    ReplayedSequences(MongoDatabase shadow) {
        super(shadow);
    }

    @Override
    public Map<String, Long> lastApplied(String consumer, Collection<String> aggregateIds) {
        Map<String, Long> known = byConsumer.getOrDefault(consumer, Map.of());
        Map<String, Long> last = new HashMap<>();
        aggregateIds.forEach(id -> {
            Long sequence = known.get(id);
            if (sequence != null) {
                last.put(id, sequence);
            }
        });
        return last;
    }

    @Override
    public void record(String consumer, Map<String, Long> positions) {
        Map<String, Long> known = byConsumer.computeIfAbsent(consumer, c -> new HashMap<>());
        positions.forEach((id, sequence) -> known.merge(id, sequence, Math::max));
    }

    List<Document> documents(String consumer) {
        return byConsumer.getOrDefault(consumer, Map.of()).entrySet().stream()
                .map(applied -> AppliedSequences.document(consumer, applied.getKey(), applied.getValue())).toList();
    }
}
