package com.servicedesk.platform.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-model writes of one batch of events, held in memory and written at the end: the documents a batch touches
 * are read in one query per collection ({@code $in} on {@code _id}), changed in memory event by event, and written
 * with one unordered bulk write of whole-document replacements per collection; other writes (an {@code $set} on
 * another collection's documents) are queued and sent, in order, as one ordered bulk write. A batch that fails before
 * {@link #flush()} writes nothing.
 */
public final class ReadModelBatch {
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoDatabase database;
    /** collection → id → the document as this batch has it (null: known to be absent) */
    private final Map<String, Map<String, Document>> documents = new HashMap<>();
    /** collection → the ids of documents to write whole */
    private final Map<String, Map<String, Document>> saved = new LinkedHashMap<>();
    private final Map<String, List<WriteModel<Document>>> queued = new LinkedHashMap<>();
    private String last;
    private final Map<Class<?>, Object> attachments = new HashMap<>();

    public ReadModelBatch(MongoDatabase database) {
        this.database = database;
    }

    /** Reads the documents with these ids in one query; {@link #find} then answers them from memory. */
    public ReadModelBatch preload(String collection, Collection<String> ids) {
        Map<String, Document> known = documents.computeIfAbsent(collection, c -> new HashMap<>());
        List<String> missing = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
        if (missing.isEmpty()) {
            return this;
        }
        missing.forEach(id -> known.put(id, null));
        database.getCollection(collection).find(Filters.in("_id", missing)).batchSize(Documents.READ_BATCH)
                .forEach(document -> known.put(document.get("_id").toString(), document));
        return this;
    }

    /** The document as this batch has it: as stored, or as changed by the batch's earlier events; null if none. */
    public Document find(String collection, String id) {
        Map<String, Document> known = documents.computeIfAbsent(collection, c -> new HashMap<>());
        if (!known.containsKey(id)) {
            known.put(id, database.getCollection(collection).find(Filters.eq("_id", id)).first());
        }
        return known.get(id);
    }

    /** Writes the document whole (by its {@code _id}) when the batch is flushed; later events see it as it is now. */
    public void save(String collection, Document document) {
        String id = document.get("_id").toString();
        documents.computeIfAbsent(collection, c -> new HashMap<>()).put(id, document);
        saved.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
    }

    /** The documents of {@code collection} this batch saved so far (not yet in the store). */
    public Collection<Document> saved(String collection) {
        return saved.getOrDefault(collection, Map.of()).values();
    }

    /** A write sent after the collection's saved documents, in the order queued. */
    public void queue(String collection, WriteModel<Document> write) {
        queued.computeIfAbsent(collection, c -> new ArrayList<>()).add(write);
    }

    /**
     * Writes {@code collection} after every other one: the collection whose documents carry the versions that guard
     * the rest, so that a crash half-way through a flush leaves them behind, and the redelivered events are applied
     * again, not skipped.
     */
    public ReadModelBatch writeLast(String collection) {
        this.last = collection;
        return this;
    }

    /** State a projection keeps for the length of one batch besides documents, made on first use. */
    public <T> T attachment(Class<T> type, java.util.function.Supplier<T> initial) {
        return type.cast(attachments.computeIfAbsent(type, t -> initial.get()));
    }

    /**
     * Sends everything: per collection one bulk write of the saved documents, then one of the queued writes, the
     * collections in the order the batch first wrote them except the one to {@link #writeLast}.
     */
    public void flush() {
        List<String> order = new ArrayList<>();
        saved.keySet().forEach(order::add);
        queued.keySet().stream().filter(collection -> !order.contains(collection)).forEach(order::add);
        if (order.remove(last)) {
            order.add(last);
        }
        for (String collection : order) {
            Map<String, Document> byId = saved.getOrDefault(collection, Map.of());
            if (!byId.isEmpty()) {
                List<WriteModel<Document>> replacements = new ArrayList<>(byId.size());
                byId.values().forEach(document ->
                        replacements.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT)));
                database.getCollection(collection).bulkWrite(replacements, new BulkWriteOptions().ordered(false));
            }
            List<WriteModel<Document>> writes = queued.getOrDefault(collection, List.of());
            if (!writes.isEmpty()) {
                database.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(true));
            }
        }
        saved.clear();
        queued.clear();
    }
}
