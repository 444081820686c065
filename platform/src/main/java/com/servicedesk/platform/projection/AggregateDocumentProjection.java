package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.WriteModel;
import com.servicedesk.platform.consumer.EventBatchHandler;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.mongo.ReadModelBatch;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read model of one document per aggregate, its {@code version} the sequence of the last event it reflects, fed a
 * batch at a time: the batch's documents are read in one query, its events applied in memory through the
 * {@link #router} (a creating event {@link #create}s the document, the others {@link #change} it), and everything is
 * written in one bulk write per collection, the aggregate documents last. An event whose sequence the stored document
 * already reflects is skipped (a redelivery, even one that slipped past the consumer's applied sequences), so a batch
 * applied twice changes nothing; other collections a projection writes are written before the aggregate documents, so
 * a crash between the two applies the events again rather than skipping them.
 */
public abstract class AggregateDocumentProjection extends RebuildableProjection implements EventBatchHandler {
    /** Routes for the subclass to fill in its constructor; every routed type is handled, nothing else is. */
    protected final EventRouter<ReadModelBatch> router = EventRouter.create();
    private final MongoDatabase database;
    private final String collection;
    private final String noun;
    private final List<SummaryDocuments> summaries = new ArrayList<>();

    /**
     * @param collection the aggregate documents' collection (listed first among the projection's collections)
     * @param noun       what an aggregate is called in an error message ("complaint")
     */
    protected AggregateDocumentProjection(String name, MongoDatabase database, String collection, String noun,
                                          List<String> otherCollections, List<String> tables) {
        super(name, concat(collection, otherCollections), tables);
        this.database = database;
        this.collection = collection;
        this.noun = noun;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Override
    public final Set<Class<?>> handledTypes() {
        return router.handledTypes();
    }

    /** The documents' versions are the positions: read with the documents, written with them. */
    @Override
    public final boolean keepsPositions() {
        return true;
    }

    /**
     * Keeps summary documents current from this read model's documents (see {@link SummaryDocuments}); for the
     * subclass's constructor. The summaries' collection must be among the projection's collections.
     */
    protected final void summarize(String summaryCollection, SummaryDocuments.Contributor contributor) {
        // a rebuild's shadow needs no crash notes: a rebuild that fails is dropped and starts again
        summaries.add(new SummaryDocuments(summaryCollection, contributor, !PrefixedDatabase.isShadow(database)));
    }

    /** Documents without the summaries they contribute to: summaries added since the documents were written. */
    @Override
    public boolean incomplete(MongoDatabase live) {
        return !summaries.isEmpty() && live.getCollection(collection).find().limit(1).first() != null
                && summaries.stream().anyMatch(summary -> live.getCollection(summary.collection()).find().limit(1).first() == null);
    }

    @Override
    public void handle(List<PublishedEvent> events) {
        ReadModelBatch batch = new ReadModelBatch(database).writeLast(collection);
        List<String> ids = events.stream().map(PublishedEvent::aggregateId).distinct().toList();
        batch.preload(collection, ids);
        List<Map<String, SummaryDocuments.Before>> before = new ArrayList<>(summaries.size());
        for (SummaryDocuments summary : summaries) {
            Map<String, SummaryDocuments.Before> was = new HashMap<>();
            for (String id : ids) {
                Document stored = batch.find(collection, id);
                was.put(id, new SummaryDocuments.Before(stored == null || stored.get("version") == null ? -1 : stored.getLong("version"),
                        summary.contribution(stored)));
            }
            before.add(was);
        }
        for (PublishedEvent event : events) {
            Document stored = batch.find(collection, event.aggregateId());
            if (stored != null && stored.get("version") != null && stored.getLong("version") >= event.sequence()) {
                continue;
            }
            router.route(batch, event);
        }
        beforeFlush(batch);
        List<List<WriteModel<Document>>> settle = new ArrayList<>(summaries.size());
        for (int i = 0; i < summaries.size(); i++) {
            settle.add(summaries.get(i).queue(batch, collection, before.get(i)));
        }
        batch.flush();
        for (int i = 0; i < summaries.size(); i++) {
            summaries.get(i).settle(database, settle.get(i));
        }
    }

    /** For a projection that keeps something per batch besides its documents: runs before anything is written. */
    protected void beforeFlush(ReadModelBatch batch) {
    }

    /** The aggregate's new document (replacing any before it), stored with the event's sequence as its version. */
    protected final Document create(ReadModelBatch batch, PublishedEvent event, Document fields) {
        Document document = new Document("_id", event.aggregateId());
        document.putAll(fields);
        document.put("version", event.sequence());
        batch.save(collection, document);
        return document;
    }

    /**
     * The aggregate's document to change in place; it is stored, with the event's sequence as its version, when the
     * batch is written. {@link #changing} runs on it first.
     *
     * @throws IllegalStateException when the aggregate has no document (its creating event never arrived)
     */
    protected final Document change(ReadModelBatch batch, PublishedEvent event) {
        Document document = batch.find(collection, event.aggregateId());
        if (document == null) {
            throw new IllegalStateException(noun + " " + event.aggregateId() + " has no document before " + event.type());
        }
        changing(batch, document, event);
        document.put("version", event.sequence());
        batch.save(collection, document);
        return document;
    }

    /** For an aggregate whose every event may be its first here: {@link #change}, or {@link #create} from {@code fields}. */
    protected final Document changeOrCreate(ReadModelBatch batch, PublishedEvent event, java.util.function.Supplier<Document> fields) {
        return find(batch, event.aggregateId()) == null ? create(batch, event, fields.get()) : change(batch, event);
    }

    /** The aggregate's document as the batch has it, or null. */
    protected final Document find(ReadModelBatch batch, String aggregateId) {
        return batch.find(collection, aggregateId);
    }

    /** What every change does before its own (a status that every event may move). */
    protected void changing(ReadModelBatch batch, Document document, PublishedEvent event) {
    }
}
