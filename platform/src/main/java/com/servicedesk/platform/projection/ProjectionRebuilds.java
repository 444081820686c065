package com.servicedesk.platform.projection;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.RenameCollectionOptions;
import com.servicedesk.platform.consumer.AppliedSequences;
import com.servicedesk.platform.consumer.EventBatchHandler;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.relay.CloudEventCodec;
import com.servicedesk.platform.web.IllegalTransitionException;
import com.servicedesk.platform.web.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds a read model from its Kafka topics without taking it away from readers:
 * <ol>
 * <li>REPLAYING: a second instance of the projection writes every event from the beginning of the topics its live
 * listener reads into shadow collections and tables ({@code rebuild_<job>_<name>}; a shadow table is created like
 * the live one, with its indexes; the replay's applied sequences are kept in memory, one entry per aggregate, which
 * saves two of the three read-model round trips per event) while the live projection keeps serving and consuming;</li>
 * <li>CATCHING_UP: the live listener is paused once the shadow has reached the end, and the shadow reads what came
 * in meanwhile up to the end as it is now;</li>
 * <li>SWAPPING: each shadow collection is renamed over the live one (atomic per collection), the shadow tables
 * replace the live ones in one transaction (readers wait for it, then read the new table; its indexes take the live
 * ones' names), the live consumer's applied sequences become the shadow's, and the live listener resumes. It then
 * re-reads from its own committed offsets, which are behind or at the shadow's, and the applied sequences make it
 * skip what the shadow applied.</li>
 * </ol>
 * Readers are never without a collection; only new events wait, for the catch-up and the swap. One rebuild runs at
 * a time per service. A failed rebuild drops its shadow collections and resumes the live listener untouched.
 */
public class ProjectionRebuilds {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int COPY_BATCH = 1000;

    private final Map<String, RebuildableProjection> projections = new HashMap<>();
    private final MongoDatabase database;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, Object> consumerProperties;
    private final KafkaListenerEndpointRegistry listeners;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration pauseTimeout;
    private final Duration progressLogInterval;
    private final Map<String, RebuildJob> lastJobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "projection-rebuild"));

    public ProjectionRebuilds(List<RebuildableProjection> projections, MongoDatabase database, JdbcTemplate jdbc,
                              TransactionTemplate transactions, Map<String, Object> consumerProperties,
                              KafkaListenerEndpointRegistry listeners, MeterRegistry meters, Clock clock, Duration pauseTimeout, Duration progressLogInterval) {
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.database = database;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.consumerProperties = consumerProperties;
        this.listeners = listeners;
        this.meters = meters;
        this.clock = clock;
        this.pauseTimeout = pauseTimeout;
        this.progressLogInterval = progressLogInterval;
    }

    public boolean isRebuildable(String name) {
        return projections.containsKey(name);
    }

    public List<String> collectionsOf(String name) {
        RebuildableProjection projection = projections.get(name);
        return projection == null ? List.of() : projection.collections();
    }

    public List<String> tablesOf(String name) {
        RebuildableProjection projection = projections.get(name);
        return projection == null ? List.of() : projection.tables();
    }

    /** The latest rebuild of the projection, if any, as {@code {jobId, phase, eventsDone, ..., etaSeconds}}. */
    public Optional<Map<String, Object>> lastRebuild(String name) {
        return Optional.ofNullable(lastJobs.get(name)).map(job -> job.describe(clock.instant()));
    }

    /**
     * Rebuilds, one after the other, the projections whose live read models lack what a newer version of them writes
     * (summaries added since their documents were written): readers keep the old read models meanwhile.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void rebuildIncomplete() {
        projections.values().stream()
                .filter(projection -> listeners.getListenerContainer(projection.name()) != null && projection.incomplete(database))
                .forEach(projection -> {
                    LOG.info("{} lacks read models a newer version of it writes: rebuilding it", projection.name());
                    submit(projection);
                });
    }

    /**
     * @return the new job's id
     * @throws NotFoundException           when no rebuildable projection has that name
     * @throws IllegalTransitionException when a rebuild is already running in this service
     */
    public synchronized String start(String name) {
        RebuildableProjection projection = projections.get(name);
        if (projection == null || listeners.getListenerContainer(name) == null) {
            throw new NotFoundException("Rebuildable projection", name);
        }
        for (RebuildJob job : lastJobs.values()) {
            if (job.running()) {
                throw new IllegalTransitionException("a rebuild of " + job.projection + " is running (job " + job.id
                        + "); one rebuild at a time");
            }
        }
        return submit(projection);
    }

    /** Queues a rebuild on the one worker (rebuilds run one after the other) and answers its job's id. */
    private String submit(RebuildableProjection projection) {
        RebuildJob job = new RebuildJob(UUID.randomUUID().toString(), projection.name(), clock.instant());
        lastJobs.put(projection.name(), job);
        worker.submit(() -> run(projection, job));
        return job.id;
    }

    private void run(RebuildableProjection projection, RebuildJob job) {
        String prefix = "rebuild_" + job.id.substring(0, 8) + "_";
        ReadModelTarget shadow = new ReadModelTarget(PrefixedDatabase.of(database, prefix), prefix);
        MessageListenerContainer live = listeners.getListenerContainer(projection.name());
        List<String> topics = List.of(live.getContainerProperties().getTopics());
        boolean paused = false;
        LOG.info("rebuild {} of {}: replaying {} into {}*", job.id, projection.name(), topics, prefix);
        try (KafkaConsumer<String, byte[]> consumer = consumer(job)) {
            projection.tables().forEach(table ->
                    jdbc.execute("CREATE TABLE " + shadow.table(table) + " (LIKE " + table + " INCLUDING ALL)"));
            ReplayedSequences replayed = new ReplayedSequences(shadow.database());
            IdempotentConsumer shadowConsumer = IdempotentConsumer.forReplay(replayed, meters);
            EventBatchHandler effect = projection.writingTo(shadow);
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            replay(consumer, job, projection, shadowConsumer, effect, beginnings, consumer.endOffsets(partitions));

            job.phase = RebuildJob.Phase.CATCHING_UP;
            if (live.isRunning()) {
                live.pause();
                paused = true;
                awaitPaused(live);
            }
            replay(consumer, job, projection, shadowConsumer, effect, beginnings, consumer.endOffsets(partitions));

            job.phase = RebuildJob.Phase.SWAPPING;
            swap(projection, prefix, replayed);
            job.phase = RebuildJob.Phase.DONE;
            job.finishedAt = clock.instant();
            LOG.info("rebuild {} of {}: done, {} events in {} s ({} events/s)", job.id, projection.name(), job.eventsDone,
                    Duration.between(job.startedAt, job.finishedAt).toSeconds(), Math.round(job.rate(job.finishedAt)));
        } catch (Exception e) {
            job.error = e.toString();
            job.phase = RebuildJob.Phase.FAILED;
            job.finishedAt = clock.instant();
            LOG.error("rebuild {} of {} failed; the live read model is untouched", job.id, projection.name(), e);
            dropShadow(projection, shadow);
        } finally {
            if (paused) {
                live.resume();
            }
        }
    }

    /** Applies every record up to {@code ends}; records published meanwhile are applied too, never skipped. */
    private void replay(KafkaConsumer<String, byte[]> consumer, RebuildJob job, RebuildableProjection projection,
                        IdempotentConsumer shadowConsumer, EventBatchHandler effect,
                        Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        job.eventsTotal = ends.entrySet().stream().mapToLong(end -> end.getValue() - beginnings.get(end.getKey())).sum();
        Instant nextLog = clock.instant().plus(progressLogInterval);
        while (!reached(consumer, ends)) {
            // the live path's batches: one read of positions and documents, one bulk write per poll
            List<PublishedEvent> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                CloudEventCodec.decode(record).filter(effect::handles).ifPresent(events::add);
                job.eventsDone++;
            }
            if (!events.isEmpty()) {
                shadowConsumer.apply(projection.name(), events, effect);
            }
            if (clock.instant().isAfter(nextLog)) {
                Map<String, Object> progress = job.describe(clock.instant());
                LOG.info("rebuild {} of {}: {} {}/{} events ({}%), {} events/s, ETA {} s", job.id, projection.name(), job.phase,
                        progress.get("eventsDone"), progress.get("eventsTotal"), progress.get("percent"),
                        progress.get("eventsPerSecond"), progress.get("etaSeconds"));
                nextLog = clock.instant().plus(progressLogInterval);
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void awaitPaused(MessageListenerContainer live) throws InterruptedException {
        long deadline = System.nanoTime() + pauseTimeout.toNanos();
        while (!live.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live listener did not pause within " + pauseTimeout);
            }
            Thread.sleep(20);
        }
    }

    /** Shadow collections and tables over the live ones, then the replay's applied sequences as the live consumer's. */
    private void swap(RebuildableProjection projection, String prefix, ReplayedSequences replayed) {
        if (!projection.tables().isEmpty()) {
            transactions.executeWithoutResult(status -> projection.tables().forEach(table -> swapTable(prefix, table)));
        }
        Set<String> existing = new HashSet<>();
        database.listCollectionNames().into(existing);
        for (String collection : projection.collections()) {
            if (existing.contains(prefix + collection)) {
                database.getCollection(prefix + collection).renameCollection(new MongoNamespace(database.getName(), collection),
                        new RenameCollectionOptions().dropTarget(true));
            } else {
                database.getCollection(collection).deleteMany(new Document()); // rebuilt from nothing: empty
            }
        }
        MongoCollection<Document> liveApplied = database.getCollection(AppliedSequences.COLLECTION);
        liveApplied.deleteMany(Filters.eq("consumer", projection.name()));
        List<Document> batch = new ArrayList<>(COPY_BATCH);
        for (Document applied : replayed.documents(projection.name())) {
            batch.add(applied);
            if (batch.size() == COPY_BATCH) {
                liveApplied.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            liveApplied.insertMany(batch);
        }
    }

    /** The shadow table becomes the live one, its indexes named as the live ones were (the schema script finds them). */
    private void swapTable(String prefix, String table) {
        Map<String, String> liveIndexes = indexesByDefinition(table);
        jdbc.execute("DROP TABLE " + table);
        jdbc.execute("ALTER TABLE " + prefix + table + " RENAME TO " + table);
        indexesByDefinition(table).forEach((definition, name) -> {
            String liveName = liveIndexes.get(definition);
            if (liveName != null && !liveName.equals(name)) {
                jdbc.execute("ALTER INDEX " + name + " RENAME TO " + liveName);
            }
        });
    }

    /** The table's indexes by their definition without their name ("CREATE INDEX ON public.t USING ..."). */
    private Map<String, String> indexesByDefinition(String table) {
        Map<String, String> indexes = new HashMap<>();
        jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?", rs -> {
            String name = rs.getString("indexname");
            indexes.put(rs.getString("indexdef").replace(" INDEX " + name + " ON ", " INDEX ON "), name);
        }, table);
        return indexes;
    }

    private void dropShadow(RebuildableProjection projection, ReadModelTarget shadow) {
        try {
            projection.collections().forEach(collection -> shadow.database().getCollection(collection).drop());
            projection.tables().forEach(table -> jdbc.execute("DROP TABLE IF EXISTS " + shadow.table(table)));
        } catch (RuntimeException e) {
            LOG.warn("shadow collections of a failed rebuild not dropped: {}", e.toString());
        }
    }

    private KafkaConsumer<String, byte[]> consumer(RebuildJob job) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        // assigned, not subscribed: no group, nothing committed, the live group's offsets untouched
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "rebuild-" + job.id);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public void shutdown() {
        worker.shutdownNow();
    }
}
