package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.servicedesk.platform.mongo.ReadModelBatch;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summary documents kept current by a per-aggregate read model, so that a report reads a few documents instead of
 * every aggregate (docs/read-side.md, "Summaries"). Each aggregate document <em>contributes</em> counts to some summary
 * documents ({@link Contributor}); after a batch, each summary receives, in one {@code $inc}, what its aggregates
 * contribute now minus what they contributed before. Counts are field updates, so several consumers may add to one
 * summary at once.
 * <p>
 * A summary is written before the aggregate documents, and a crash in between would add the same difference again on
 * redelivery. So each summary also notes, under {@code pending.<aggregate id>}, the version and the counts it reflects
 * for every aggregate of the batch; while that version is newer than the aggregate's stored document, the note, not
 * the document, is what the summary holds for it. The notes are removed once the aggregate documents are written. A
 * count that falls to zero is removed (only if it is still zero), so per-instant keys do not pile up.
 */
public final class SummaryDocuments {
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final String PENDING = "pending";

    /** What one aggregate document adds to the summaries. */
    @FunctionalInterface
    public interface Contributor {
        void contribute(Document aggregate, Contribution contribution);
    }

    /** Counts per summary document, and the fields that identify each summary (set when it is created). */
    public static final class Contribution {
        private final Map<String, Document> keys = new LinkedHashMap<>();
        private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

        /** The counts this aggregate adds to summary {@code id}, created with {@code keyFields}. */
        public Counts to(String id, Document keyFields) {
            keys.putIfAbsent(id, keyFields);
            return new Counts(counts.computeIfAbsent(id, k -> new LinkedHashMap<>()));
        }

        public Map<String, Long> counts(String summaryId) {
            return counts.getOrDefault(summaryId, Map.of());
        }

        public Set<String> summaries() {
            return counts.keySet();
        }
    }

    /** One summary's counts from one aggregate: a path (dotted, as in an {@code $inc}) and an amount. */
    public static final class Counts {
        private final Map<String, Long> counts;

        private Counts(Map<String, Long> counts) {
            this.counts = counts;
        }

        public Counts add(String path, long amount) {
            if (amount != 0) {
                counts.merge(path, amount, Long::sum);
            }
            return this;
        }
    }

    private final String collection;
    private final Contributor contributor;
    private final boolean notes;

    /** Summaries of live read models: with the pending notes that make a crash between two writes harmless. */
    public SummaryDocuments(String collection, Contributor contributor) {
        this(collection, contributor, true);
    }

    /**
     * @param notes false for summaries no consumer resumes after a crash (a rebuild's shadow, dropped if the rebuild
     *              fails): each batch then writes each summary once, without notes
     */
    public SummaryDocuments(String collection, Contributor contributor, boolean notes) {
        this.collection = collection;
        this.contributor = contributor;
        this.notes = notes;
    }

    public String collection() {
        return collection;
    }

    /** What an aggregate document contributes (nothing for a document that does not exist). */
    public Contribution contribution(Document aggregate) {
        Contribution contribution = new Contribution();
        if (aggregate != null) {
            contributor.contribute(aggregate, contribution);
        }
        return contribution;
    }

    /** The aggregates of one batch as they were before it. */
    public record Before(long version, Contribution contribution) {
    }

    /**
     * Queues, on the batch, each touched summary's update (written with the batch, before the aggregate documents) and
     * answers the writes that remove the pending notes, to send once the batch is flushed.
     *
     * @param before         per aggregate the batch touched: its stored version (-1: none) and contribution
     * @param aggregates     the aggregate documents' collection
     */
    public List<WriteModel<Document>> queue(ReadModelBatch batch, String aggregates, Map<String, Before> before) {
        Map<String, Contribution> after = new LinkedHashMap<>();
        Map<String, Long> versions = new HashMap<>();
        before.forEach((id, was) -> {
            Document now = batch.find(aggregates, id);
            long version = now == null || now.get("version") == null ? -1 : now.getLong("version");
            if (version > was.version()) {
                after.put(id, contribution(now));
                versions.put(id, version);
            }
        });
        if (after.isEmpty()) {
            return List.of();
        }
        // per summary, the aggregates that count in it before or after the batch
        Map<String, Set<String>> counted = new LinkedHashMap<>();
        Map<String, Document> keys = new HashMap<>();
        after.forEach((id, contribution) -> {
            keys.putAll(contribution.keys);
            contribution.summaries().forEach(summaryId -> counted.computeIfAbsent(summaryId, k -> new LinkedHashSet<>()).add(id));
            before.get(id).contribution().summaries()
                    .forEach(summaryId -> counted.computeIfAbsent(summaryId, k -> new LinkedHashSet<>()).add(id));
        });
        Set<String> summaryIds = counted.keySet();
        batch.preload(collection, summaryIds);
        preloadNoted(batch, aggregates, summaryIds, before.keySet());

        List<WriteModel<Document>> cleanup = new ArrayList<>();
        for (String summaryId : summaryIds) {
            Document summary = batch.find(collection, summaryId);
            Document pending = summary == null ? new Document() : summary.get(PENDING, new Document());
            Map<String, Long> delta = new LinkedHashMap<>();
            Document pendingNotes = new Document();
            List<String> settled = new ArrayList<>();
            for (String aggregateId : counted.get(summaryId)) {
                Contribution contribution = after.get(aggregateId);
                Before was = before.get(aggregateId);
                Document note = pending.get(field(aggregateId), Document.class);
                Map<String, Long> base = note != null && note.getLong("version") > was.version()
                        ? counts(note) : was.contribution().counts(summaryId);
                Map<String, Long> now = contribution.counts(summaryId);
                now.forEach((path, n) -> delta.merge(path, n, Long::sum));
                base.forEach((path, n) -> delta.merge(path, -n, Long::sum));
                if (notes) {
                    pendingNotes.append(PENDING + "." + field(aggregateId), new Document("version", versions.get(aggregateId)).append("counts", list(now)));
                    settled.add(aggregateId);
                }
            }
            delta.values().removeIf(n -> n == 0);
            Document update = new Document();
            if (!pendingNotes.isEmpty()) {
                update.append("$set", pendingNotes);
            }
            if (!delta.isEmpty()) {
                update.append("$inc", new Document(delta));
            }
            Document created = keys.get(summaryId);
            if (created != null && summary == null) {
                update.append("$setOnInsert", created);
            }
            if (!update.isEmpty()) {
                batch.queue(collection, new UpdateOneModel<>(Filters.eq("_id", summaryId), update, UPSERT));
            }

            Document unset = new Document();
            settled.forEach(aggregateId -> unset.append(PENDING + "." + field(aggregateId), ""));
            caughtUp(summary, batch, aggregates).forEach(aggregateId -> unset.append(PENDING + "." + field(aggregateId), ""));
            if (!unset.isEmpty()) {
                cleanup.add(new UpdateOneModel<>(Filters.eq("_id", summaryId), new Document("$unset", unset)));
            }
            delta.forEach((path, n) -> {
                if (stored(summary, path) + n == 0) {
                    cleanup.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", summaryId), Filters.eq(path, 0L)),
                            new Document("$unset", new Document(path, ""))));
                }
            });
        }
        return cleanup;
    }

    /** Sends the writes {@link #queue} answered, once the aggregate documents are written. */
    public void settle(MongoDatabase database, List<WriteModel<Document>> cleanup) {
        if (!cleanup.isEmpty()) {
            database.getCollection(collection).bulkWrite(cleanup, new BulkWriteOptions().ordered(false));
        }
    }

    /** Reads the aggregate documents of notes left by an earlier batch (a crash before they were removed). */
    private void preloadNoted(ReadModelBatch batch, String aggregates, Set<String> summaryIds, Set<String> inBatch) {
        Set<String> others = new LinkedHashSet<>();
        for (String summaryId : summaryIds) {
            Document summary = batch.find(collection, summaryId);
            if (summary != null) {
                summary.get(PENDING, new Document()).keySet().stream().map(SummaryDocuments::aggregateId)
                        .filter(id -> !inBatch.contains(id)).forEach(others::add);
            }
        }
        batch.preload(aggregates, others);
    }

    /** The aggregates whose notes on the summary are settled: their documents have caught up with them. */
    private static List<String> caughtUp(Document summary, ReadModelBatch batch, String aggregates) {
        List<String> stale = new ArrayList<>();
        if (summary == null) {
            return stale;
        }
        summary.get(PENDING, new Document()).forEach((field, note) -> {
            Document aggregate = batch.find(aggregates, aggregateId(field));
            long version = aggregate == null || aggregate.get("version") == null ? -1 : aggregate.getLong("version");
            if (version >= ((Document) note).getLong("version")) {
                stale.add(aggregateId(field));
            }
        });
        return stale;
    }

    private static long stored(Document summary, String path) {
        Object value = summary;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Document document)) {
                return 0;
            }
            value = document.get(part);
        }
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static List<Document> list(Map<String, Long> counts) {
        List<Document> list = new ArrayList<>(counts.size());
        counts.forEach((path, n) -> list.add(new Document("path", path).append("n", n)));
        return list;
    }

    private static Map<String, Long> counts(Document note) {
        Map<String, Long> counts = new LinkedHashMap<>();
        note.getList("counts", Document.class).forEach(c -> counts.put(c.getString("path"), c.getLong("n")));
        return counts;
    }

    /** An aggregate id as a field name: ids never hold dots today; one that did would otherwise open a sub-document. */
    private static String field(String aggregateId) {
        return aggregateId.replace(".", "\uFF0E");
    }

    private static String aggregateId(String field) {
        return field.replace("\uFF0E", ".");
    }
}
