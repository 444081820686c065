package com.servicedesk.platform.consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.Optional;

/**
 * The last sequence each consumer applied per aggregate, in the consumer's own read-model database.
 * {@code $max} keeps it monotonic even if two deliveries race.
 */
public class AppliedSequences {
    public static final String COLLECTION = "applied_sequences";

    private final MongoCollection<Document> collection;

    public AppliedSequences(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public Optional<Long> lastApplied(String consumer, String aggregateId) {
        Document document = collection.find(Filters.eq("_id", key(consumer, aggregateId))).first();
        return document == null ? Optional.empty() : Optional.of(document.getLong("sequence"));
    }

    public void record(String consumer, String aggregateId, long sequence) {
        collection.updateOne(Filters.eq("_id", key(consumer, aggregateId)),
                Updates.combine(
                        Updates.max("sequence", sequence),
                        Updates.setOnInsert("consumer", consumer),
                        Updates.setOnInsert("aggregateId", aggregateId)),
                new UpdateOptions().upsert(true));
    }

    /** The stored form of one position, as {@link #record} leaves it (for bulk writes of many positions at once). */
    public static Document document(String consumer, String aggregateId, long sequence) {
        return new Document("_id", key(consumer, aggregateId)).append("sequence", sequence)
                .append("consumer", consumer).append("aggregateId", aggregateId);
    }

    private static String key(String consumer, String aggregateId) {
        return consumer + "|" + aggregateId;
    }
}
