package com.servicedesk.reporting.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.servicedesk.embedded.TestInfrastructure;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.SummaryDocuments;
import com.servicedesk.reporting.config.ReportingProperties;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The yearly summaries against a recount from scratch: 600 random complaint histories (re-verification, reopening,
 * rejection, cancelled visits, returns, breaches) and their service orders, fed in random batches to the real
 * projections on the Mongo-wire store, with redelivered stretches and crashes at random writes (before or after the
 * write reached the store) followed by redelivery in batches of another size. Every summary must equal the counts
 * recomputed from the final documents, and equal what a run without crashes or redelivery wrote.
 */
class YearlySummariesPropertyTest {
    private static final int HISTORIES = 600;
    private static final ReportingProperties PROPERTIES = new ReportingProperties(ZoneId.of("Asia/Shanghai"), 0.75, 50, 5, 5,
            new ReportingProperties.Targets(0.9, 0.02, 1.0, 1.0));
    private static final MongoClient CLIENT = MongoClients.create(TestInfrastructure.get().mongo().uri());

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void summariesEqualARecountAfterRandomHistoriesRedeliveryAndCrashes() {
        long seed = Long.getLong("summaries.seed", System.nanoTime());
        Random random = new Random(seed);
        RandomHistories.Streams streams = new RandomHistories(random).generate(HISTORIES);

        MongoDatabase clean = CLIENT.getDatabase("summaries_clean_" + UUID.randomUUID().toString().replace("-", ""));
        feed(new ComplaintStoryProjection(clean, null, PROPERTIES), streams.complaints(), new Random(seed + 1), null);
        feed(new ServiceOrderFactsProjection(clean, null, PROPERTIES), streams.orders(), new Random(seed + 2), null);

        Crashes crashes = new Crashes(new Random(seed + 3));
        MongoDatabase crashing = crashes.wrap(CLIENT.getDatabase("summaries_crash_" + UUID.randomUUID().toString().replace("-", "")));
        feed(new ComplaintStoryProjection(crashing, null, PROPERTIES), streams.complaints(), new Random(seed + 4), crashes);
        feed(new ServiceOrderFactsProjection(crashing, null, PROPERTIES), streams.orders(), new Random(seed + 5), crashes);
        assertThat(crashes.crashed).as("seed %d: crashes injected", seed).isGreaterThan(20);

        for (MongoDatabase database : List.of(clean, crashing)) {
            Map<String, Map<String, Long>> complaints = stored(database.getCollection(YearlySummaries.COMPLAINTS));
            Map<String, Map<String, Long>> orders = stored(database.getCollection(YearlySummaries.SERVICE_ORDERS));
            assertThat(complaints).as("seed %d: complaint summaries of %s", seed, database.getName())
                    .isEqualTo(recount(database.getCollection(ComplaintStoryProjection.COLLECTION), YearlySummaries::complaint));
            assertThat(orders).as("seed %d: order summaries of %s", seed, database.getName())
                    .isEqualTo(recount(database.getCollection(ServiceOrderFactsProjection.COLLECTION), YearlySummaries::serviceOrder));
            assertThat(complaints.keySet()).as("all-customer and per-customer summaries of two years").contains("2025|*", "2026|*").hasSizeGreaterThan(20);
            assertThat(complaints.get("2025|*").get("complaints.total") + complaints.get("2026|*").get("complaints.total")).isEqualTo(HISTORIES);
        }
        assertThat(documents(crashing.getCollection(ComplaintStoryProjection.COLLECTION)))
                .as("seed %d: stories", seed).isEqualTo(documents(clean.getCollection(ComplaintStoryProjection.COLLECTION)));
        assertThat(documents(crashing.getCollection(ServiceOrderFactsProjection.COLLECTION)))
                .as("seed %d: orders", seed).isEqualTo(documents(clean.getCollection(ServiceOrderFactsProjection.COLLECTION)));
        assertThat(stored(crashing.getCollection(YearlySummaries.COMPLAINTS))).isEqualTo(stored(clean.getCollection(YearlySummaries.COMPLAINTS)));
        assertThat(pendingNotes(clean.getCollection(YearlySummaries.COMPLAINTS))).as("notes removed after each batch").isZero();
        clean.drop();
        CLIENT.getDatabase(crashing.getName()).drop();
    }

    /** Documents written before their summaries existed (an older version) ask for a rebuild; complete ones do not. */
    @Test
    void documentsWithoutTheirSummariesAskForARebuild() {
        MongoDatabase database = CLIENT.getDatabase("summaries_incomplete_" + UUID.randomUUID().toString().replace("-", ""));
        ComplaintStoryProjection projection = new ComplaintStoryProjection(database, null, PROPERTIES);
        assertThat(projection.incomplete(database)).as("nothing yet").isFalse();
        feed(projection, new RandomHistories(new Random(7)).generate(5).complaints(), new Random(8), null);
        assertThat(projection.incomplete(database)).as("documents with their summaries").isFalse();
        database.getCollection(YearlySummaries.COMPLAINTS).drop();
        assertThat(projection.incomplete(database)).as("documents without summaries").isTrue();
        database.drop();
    }

    /**
     * Feeds a stream in batches of 1–60 events. Now and then the consumer's position goes back (a redelivered stretch);
     * a batch that crashes is delivered again from the same position, in a batch of another size.
     */
    static void feed(AggregateDocumentProjection projection, List<PublishedEvent> stream, Random random, Crashes crashes) {
        int position = 0;
        while (position < stream.size()) {
            int size = 1 + random.nextInt(60);
            List<PublishedEvent> batch = stream.subList(position, Math.min(stream.size(), position + size));
            try {
                if (crashes != null) {
                    crashes.arm();
                }
                projection.handle(batch);
            } catch (Crash crash) {
                continue;
            } finally {
                if (crashes != null) {
                    crashes.disarm();
                }
            }
            position += batch.size();
            if (crashes != null && random.nextInt(10) == 0) {
                position = Math.max(0, position - 1 - random.nextInt(80));
            }
        }
    }

    /** Every numeric count of every summary, by dotted path; zeros left out (a count that fell to zero is removed). */
    private static Map<String, Map<String, Long>> stored(MongoCollection<Document> summaries) {
        Map<String, Map<String, Long>> all = new TreeMap<>();
        for (Document summary : summaries.find()) {
            Map<String, Long> counts = new TreeMap<>();
            summary.forEach((field, value) -> {
                if (value instanceof Document document && !field.equals("pending")) {
                    flatten(field, document, counts);
                }
            });
            counts.values().removeIf(n -> n == 0);
            all.put(summary.getString("_id"), counts);
        }
        all.values().removeIf(Map::isEmpty);
        return all;
    }

    private static void flatten(String prefix, Document document, Map<String, Long> counts) {
        document.forEach((field, value) -> {
            if (value instanceof Document nested) {
                flatten(prefix + "." + field, nested, counts);
            } else {
                counts.put(prefix + "." + field, ((Number) value).longValue());
            }
        });
    }

    private static Map<String, Map<String, Long>> recount(MongoCollection<Document> aggregates, SummaryDocuments.Contributor contributor) {
        SummaryDocuments summaries = new SummaryDocuments("recount", contributor);
        Map<String, Map<String, Long>> all = new TreeMap<>();
        for (Document aggregate : aggregates.find()) {
            SummaryDocuments.Contribution contribution = summaries.contribution(aggregate);
            for (String id : contribution.summaries()) {
                contribution.counts(id).forEach((path, n) -> all.computeIfAbsent(id, k -> new TreeMap<>()).merge(path, n, Long::sum));
            }
        }
        all.values().forEach(counts -> counts.values().removeIf(n -> n == 0));
        all.values().removeIf(Map::isEmpty);
        return all;
    }

    private static Map<String, Document> documents(MongoCollection<Document> collection) {
        Map<String, Document> all = new TreeMap<>();
        collection.find().forEach(document -> all.put(document.getString("_id"), document));
        return all;
    }

    private static long pendingNotes(MongoCollection<Document> summaries) {
        long notes = 0;
        for (Document summary : summaries.find()) {
            notes += summary.get("pending", new Document()).size();
        }
        return notes;
    }

    /** A crash of the consumer's process, at a write. */
    private static final class Crash extends RuntimeException {
        Crash() {
            super("crash", null, false, false);
        }
    }

    /**
     * Crashes one batch in three at one of its bulk writes, chosen at random: before the write reaches the store, or
     * right after it did (the consumer dies before it can go on).
     */
    private static final class Crashes {
        private final Random random;
        private int countdown = -1;
        private boolean afterWrite;
        int crashed;

        Crashes(Random random) {
            this.random = random;
        }

        void arm() {
            countdown = random.nextInt(3) == 0 ? random.nextInt(4) : -1;
            afterWrite = random.nextBoolean();
        }

        void disarm() {
            countdown = -1;
        }

        MongoDatabase wrap(MongoDatabase database) {
            return proxy(MongoDatabase.class, database, (method, result) -> {
                if (method.equals("getCollection")) {
                    @SuppressWarnings("unchecked")
                    MongoCollection<Document> collection = (MongoCollection<Document>) result;
                    return proxy(MongoCollection.class, collection, null);
                }
                return result;
            });
        }

        @SuppressWarnings("unchecked")
        private <T> T proxy(Class<T> type, T target, java.util.function.BiFunction<String, Object, Object> after) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
                boolean write = method.getName().equals("bulkWrite");
                boolean crash = write && countdown == 0;
                if (write && countdown >= 0) {
                    countdown--;
                }
                if (crash && !afterWrite) {
                    crashed++;
                    throw new Crash();
                }
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (crash) {
                    crashed++;
                    throw new Crash();
                }
                return after == null ? result : after.apply(method.getName(), result);
            });
        }
    }
}
