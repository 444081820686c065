package com.servicedesk.platform.consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last sequence each consumer applied per aggregate, in the consumer's own read-model database. Read and written a
 * batch at a time: one query ({@code $in} on {@code _id}) and one unordered bulk write per batch of events, whatever
 * its size. {@code $max} keeps a position monotonic even if two deliveries race.
 */
public class AppliedSequences {
    public static final String COLLECTION = "applied_sequences";

    private final MongoCollection<Document> collection;

    public AppliedSequences(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** The last sequence applied of each of these aggregates that has one. */
    public Map<String, Long> lastApplied(String consumer, Collection<String> aggregateIds) {
        Map<String, Long> last = new HashMap<>();
        if (aggregateIds.isEmpty()) {
            return last;
        }
        List<String> keys = aggregateIds.stream().map(id -> key(consumer, id)).toList();
        collection.find(Filters.in("_id", keys)).batchSize(Documents.READ_BATCH)
                .forEach(document -> last.put(document.getString("aggregateId"), document.getLong("sequence")));
        return last;
    }

    public void record(String consumer, Map<String, Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        List<UpdateOneModel<Document>> writes = positions.entrySet().stream().map(position -> new UpdateOneModel<Document>(
                Filters.eq("_id", key(consumer, position.getKey())),
                Updates.combine(
                        Updates.max("sequence", position.getValue()),
                        Updates.setOnInsert("consumer", consumer),
                        Updates.setOnInsert("aggregateId", position.getKey())),
                upsert)).toList();
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
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
