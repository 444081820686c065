package com.servicedesk.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.servicedesk.local.LocalStack;
import com.servicedesk.local.LocalStackSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -jar servicedesk-local.jar bench [--duration=60s] [--concurrency=16] [--report-complaints=100000]
 * [--keep] [--servicedesk.*=...]}: starts the whole local stack on a fresh data dir and measures, in one run,
 * <ol type="a">
 * <li>complaint registrations through the gateway at rising concurrency (1, 2, 4 … N threads, closed loop), then at
 * a fixed rate of half the peak throughput, latencies in HdrHistograms;</li>
 * <li>raw JDBC insert + commit of an equivalent row (a copy of a stored registration event, in a table shaped like the
 * event store's, in a database of its own) on the same PostgreSQL at the same concurrencies: the physical limit;</li>
 * <li>event → read-model lag at a fixed 200 events/s and at half the peak (a rate this machine sustains), from the
 * services' own lag histograms;</li>
 * <li>a full rebuild of every rebuildable read model over everything written, through the admin API;</li>
 * <li>the yearly report over {@code --report-complaints} complaints of the year (registered through the gateway
 * like the rest), as JSON and as PDF.</li>
 * </ol>
 * It prints a table and, as its last line, one JSON object with the headline numbers. The data dir is deleted at
 * the end unless {@code --keep} is given or a step failed.
 */
public final class LocalStackBench {
    /** The read-side issue's rate for the lag target (docs/benchmarks.md). */
    static final double LAG_RATE = 200;
    private static final ZoneId REPORT_ZONE = ZoneId.of("Asia/Shanghai");

    private final PrintStream out;
    private final Duration duration;
    private final int concurrency;
    private final long reportComplaints;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> table = new ArrayList<>();
    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    /** Where the one-thread registrations' time went, from the answers' Server-Timing headers. */
    private RegistrationPhases oneRegistration;
    /** A stored registration's event row (payload, metadata, payload type), copied by (b) for (b) and the pipeline. */
    private byte[] rawPayload;
    private byte[] rawMetadata;
    private String rawPayloadType;
    private LocalStack stack;
    private BenchClient client;

    private LocalStackBench(PrintStream out, Duration duration, int concurrency, long reportComplaints) {
        this.out = out;
        this.duration = duration;
        this.concurrency = concurrency;
        this.reportComplaints = reportComplaints;
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(60);
        int concurrency = 16;
        long reportComplaints = 100_000;
        boolean keep = false;
        Path dataDir = null;
        List<String> stackArguments = new ArrayList<>();
        try {
            for (String arg : args) {
                if (arg.startsWith("--duration=")) {
                    duration = duration(arg.substring("--duration=".length()));
                } else if (arg.startsWith("--concurrency=")) {
                    concurrency = positive("--concurrency", arg.substring("--concurrency=".length()));
                } else if (arg.startsWith("--report-complaints=")) {
                    reportComplaints = positive("--report-complaints", arg.substring("--report-complaints=".length()));
                } else if (arg.equals("--keep")) {
                    keep = true;
                } else if (arg.startsWith("--servicedesk.data-dir=")) {
                    dataDir = Path.of(arg.substring("--servicedesk.data-dir=".length())).toAbsolutePath();
                } else {
                    stackArguments.add(arg);
                }
            }
            if (dataDir == null) {
                dataDir = Files.createTempDirectory("servicedesk-bench-");
            } else if (Files.exists(dataDir) && !isEmpty(dataDir)) {
                throw new IllegalArgumentException("--servicedesk.data-dir=" + dataDir + " is not empty: the bench starts on a fresh one");
            }
            stackArguments.add("--servicedesk.data-dir=" + dataDir);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: bench [--duration=60s] [--concurrency=16] [--report-complaints=100000] [--keep] [--servicedesk.*=...]");
            System.exit(2);
            return;
        }
        LocalStackSettings settings = LocalStackSettings.parse(stackArguments.toArray(String[]::new));
        LocalStackBench bench = new LocalStackBench(System.out, duration, concurrency, reportComplaints);
        int status = 0;
        try (LocalStack stack = new LocalStack(settings, new PrintStream(PrintStream.nullOutputStream()))) {
            bench.run(stack);
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            status = 1;
        } finally {
            // a failed step leaves its evidence: every service's log is under logs/
            if (keep || status != 0 || bench.results.containsKey("failed")) {
                System.out.println("data kept in " + dataDir);
            } else {
                deleteTree(dataDir);
            }
        }
        System.exit(status);
    }

    private void run(LocalStack stack) throws Exception {
        this.stack = stack;
        say("servicedesk bench: %d cores, %d MB heap for this launcher, duration %s, concurrency up to %d, report over %,d complaints",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, duration, concurrency, reportComplaints);
        say("starting the stack on a fresh data dir %s …", stack.settings().dataDir());
        stack.start();
        StackMemory.Usage ready = StackMemory.measure(stack.settings().dataDir().resolve("postgres"));
        results.put("stackReadySeconds", round(stack.elapsedSeconds(), 1));
        results.put("stackReadyPssMb", ready.pssMb());
        row("stack ready", "%.1f s, %d MB PSS (%d MB RSS) in %d processes: %s", stack.elapsedSeconds(), ready.pssMb(), ready.rssMb(),
                ready.processes(), ready.pssMbByPart());
        results.put("stackReadyRssMb", ready.rssMb());
        client = new BenchClient(stack.gatewayUrl());

        say("warming up (%d s at 4 threads, not counted) …", warmUp().toSeconds());
        Load.closedLoop(Math.min(4, concurrency), warmUp(), this::register);

        Map<Integer, Load.Result> commands = commandsAtRisingConcurrency();
        Map<Integer, Load.Result> raw = rawInsertsAtRisingConcurrency(new ArrayList<>(commands.keySet()));
        Map<Integer, Load.Result> pipeline = rawPipelineAtRisingConcurrency(new ArrayList<>(commands.keySet()));
        compare(commands, raw, pipeline);
        // a failing step is reported in the table and the run goes on: the other numbers are still worth having
        step("(c) lag", this::lagAtFixedRate);
        step("(e) seeding", this::seedForReport);
        step("(d) rebuilds", this::rebuildEveryReadModel);
        step("(e) yearly report", this::yearlyReport);

        StackMemory.Usage after = StackMemory.measure(stack.settings().dataDir().resolve("postgres"));
        results.put("stackPssMbAfterLoad", after.pssMb());
        row("stack memory after the run", "%d MB PSS (%d MB RSS): %s", after.pssMb(), after.rssMb(), after.pssMbByPart());

        out.println();
        out.println("servicedesk bench results");
        table.forEach(out::println);
        ObjectNode json = BenchClient.JSON.createObjectNode();
        results.forEach((name, value) -> json.set(name, BenchClient.JSON.valueToTree(value)));
        out.println(BenchClient.JSON.writeValueAsString(json));
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            row(name, "FAILED: %s", e);
            results.put("failed", (results.containsKey("failed") ? results.get("failed") + "; " : "") + name + ": " + e.getMessage());
        }
    }

    private Duration warmUp() {
        return Duration.ofSeconds(Math.max(5, Math.min(15, duration.toSeconds() / 4)));
    }

    private boolean register(int thread, long index) throws IOException {
        client.registerComplaint(sequence.incrementAndGet());
        registered.incrementAndGet();
        return true;
    }

    // ---- (a) commands ---------------------------------------------------------------------------------------------

    private List<Integer> levels() {
        List<Integer> levels = new ArrayList<>();
        for (int level = 1; level < concurrency; level *= 2) {
            levels.add(level);
        }
        levels.add(concurrency);
        return levels;
    }

    private Map<Integer, Load.Result> commandsAtRisingConcurrency() throws Exception {
        Map<Integer, Load.Result> results = new LinkedHashMap<>();
        Duration each = Duration.ofMillis(Math.max(3000, duration.toMillis() / levels().size()));
        say("(a) registering complaints through the gateway, %s per level …", each);
        for (int level : levels()) {
            RegistrationPhases phases = new RegistrationPhases();
            client.timePhases(level == 1 ? phases : null);
            Load.Result result = Load.closedLoop(level, each, this::register);
            client.timePhases(null);
            results.put(level, result);
            say("    %2d threads: %,.0f/s  p50 %.1f ms  p99 %.1f ms  failed %d%s", level, result.perSecond(),
                    result.percentileMs(50), result.percentileMs(99), result.failures(), failureNote(result));
            if (level == 1) {
                oneRegistration = phases;
            }
        }
        return results;
    }

    // ---- (b) raw inserts ------------------------------------------------------------------------------------------

    private Map<Integer, Load.Result> rawInsertsAtRisingConcurrency(List<Integer> levels) throws Exception {
        String intake = stack.jdbcUrl("intake");
        stack.createDatabase("bench");
        String bench = stack.jdbcUrl("bench");
        try (Connection connection = DriverManager.getConnection(intake, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT payload, metadata, payloadtype FROM domainevententry "
                     + "WHERE payloadtype LIKE '%ComplaintRegisteredEvent' ORDER BY globalindex DESC LIMIT 1")) {
            if (!row.next()) {
                throw new IllegalStateException("no registration in intake's event store to copy");
            }
            rawPayload = row.getBytes(1);
            rawMetadata = row.getBytes(2);
            rawPayloadType = row.getString(3);
        }
        try (Connection connection = DriverManager.getConnection(bench, "postgres", "");
             Statement statement = connection.createStatement()) {
            // the event store's own shape (platform's axon-schema.sql): same indexes, same row
            statement.execute("""
                    CREATE TABLE raw_event (
                        globalindex BIGSERIAL PRIMARY KEY, eventidentifier VARCHAR(255) NOT NULL UNIQUE,
                        aggregateidentifier VARCHAR(255) NOT NULL, sequencenumber BIGINT NOT NULL, type VARCHAR(255),
                        timestamp VARCHAR(255) NOT NULL, payloadtype VARCHAR(255) NOT NULL, payloadrevision VARCHAR(255),
                        payload BYTEA NOT NULL, metadata BYTEA, UNIQUE (aggregateidentifier, sequencenumber))""");
        }
        Duration each = Duration.ofMillis(Math.max(3000, duration.toMillis() / levels.size() / 2));
        say("(b) raw JDBC insert + commit of a %d-byte event row on the same PostgreSQL, %s per level …",
                rawPayload.length + (rawMetadata == null ? 0 : rawMetadata.length), each);
        Map<Integer, Load.Result> results = new LinkedHashMap<>();
        for (int level : levels) {
            List<Connection> connections = new ArrayList<>();
            List<PreparedStatement> inserts = new ArrayList<>();
            try {
                for (int i = 0; i < level; i++) {
                    Connection connection = DriverManager.getConnection(bench, "postgres", "");
                    connection.setAutoCommit(true); // each insert its own transaction, committed like a command's
                    connections.add(connection);
                    inserts.add(connection.prepareStatement(RAW_EVENT_INSERT));
                }
                Load.Result result = Load.closedLoop(level, each, (thread, index) ->
                        insertRawEvent(inserts.get(thread), UUID.randomUUID().toString()));
                results.put(level, result);
                say("    %2d threads: %,.0f/s  p50 %.2f ms  p99 %.2f ms", level, result.perSecond(), result.percentileMs(50), result.percentileMs(99));
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
        return results;
    }

    /**
     * (b) again, as the whole of one registration's I/O without a framework (the fair reference for the commands):
     * per registration the event row inserted and committed, the record sent to Kafka and its acknowledgement awaited
     * ({@code acks=all}, idempotent, as the relay sends), and the read models' writes (the complaint list's and the
     * story's documents upserted in the Mongo-wire store, the timeline's row inserted in PostgreSQL), one after the
     * other, at the same thread counts.
     */
    private static final String RAW_EVENT_INSERT = "INSERT INTO raw_event (eventidentifier, aggregateidentifier, "
            + "sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, metadata) VALUES (?,?,?,?,?,?,?,?,?)";

    /** The copied registration's row as a new aggregate's first event, inserted and committed. */
    private boolean insertRawEvent(PreparedStatement insert, String aggregateId) throws java.sql.SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregateId);
        insert.setLong(3, 0);
        insert.setString(4, "Complaint");
        insert.setString(5, Instant.now().toString());
        insert.setString(6, rawPayloadType);
        insert.setString(7, "1");
        insert.setBytes(8, rawPayload);
        insert.setBytes(9, rawMetadata);
        return insert.executeUpdate() == 1;
    }

    private Map<Integer, Load.Result> rawPipelineAtRisingConcurrency(List<Integer> levels) throws Exception {
        String bench = stack.jdbcUrl("bench");
        String topic = "servicedesk.bench.raw-pipeline";
        try (Connection connection = DriverManager.getConnection(bench, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE raw_timeline (id VARCHAR(64) PRIMARY KEY, day DATE NOT NULL, category VARCHAR(32), "
                    + "region VARCHAR(32), at TIMESTAMPTZ NOT NULL)");
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin kafkaAdmin = Admin.create(admin)) {
            kafkaAdmin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        Document document = Document.parse(new String(rawPayload, StandardCharsets.UTF_8));
        Duration each = Duration.ofMillis(Math.max(3000, duration.toMillis() / levels.size() / 2));
        say("(b) raw pipeline: event row insert + commit, Kafka send with acks=all, two Mongo-wire upserts and a "
                + "PostgreSQL row per registration, %s per level …", each);
        Map<Integer, Load.Result> results = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
             MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + stack.settings().mongoPort())) {
            MongoDatabase readModels = mongo.getDatabase("bench_raw_pipeline");
            MongoCollection<Document> complaints = readModels.getCollection("complaints");
            MongoCollection<Document> stories = readModels.getCollection("stories");
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            for (int level : levels) {
                List<Connection> connections = new ArrayList<>();
                List<PreparedStatement[]> statements = new ArrayList<>();
                try {
                    for (int i = 0; i < level; i++) {
                        Connection connection = DriverManager.getConnection(bench, "postgres", "");
                        connection.setAutoCommit(true);
                        connections.add(connection);
                        statements.add(new PreparedStatement[]{
                                connection.prepareStatement(RAW_EVENT_INSERT),
                                connection.prepareStatement("INSERT INTO raw_timeline (id, day, category, region, at) VALUES (?, CURRENT_DATE, ?, ?, now())")});
                    }
                    Load.Result result = Load.closedLoop(level, each, (thread, index) -> {
                        String id = UUID.randomUUID().toString();
                        insertRawEvent(statements.get(thread)[0], id);
                        try {
                            producer.send(new ProducerRecord<>(topic, id, rawPayload)).get();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted", e);
                        } catch (java.util.concurrent.ExecutionException e) {
                            throw new IOException("Kafka refused the record", e.getCause());
                        }
                        Document complaint = new Document(document).append("_id", id).append("version", 0L);
                        complaints.replaceOne(Filters.eq("_id", id), complaint, upsert);
                        stories.replaceOne(Filters.eq("_id", id), complaint, upsert);
                        PreparedStatement timeline = statements.get(thread)[1];
                        timeline.setString(1, id);
                        timeline.setString(2, document.getString("category"));
                        timeline.setString(3, document.getString("region"));
                        return timeline.executeUpdate() == 1;
                    });
                    results.put(level, result);
                    say("    %2d threads: %,.0f/s  p50 %.2f ms  p99 %.2f ms", level, result.perSecond(), result.percentileMs(50),
                            result.percentileMs(99));
                } finally {
                    for (Connection connection : connections) {
                        connection.close();
                    }
                }
            }
        }
        return results;
    }

    private void compare(Map<Integer, Load.Result> commands, Map<Integer, Load.Result> raw, Map<Integer, Load.Result> pipeline)
            throws Exception {
        int peakLevel = commands.entrySet().stream().max((a, b) -> Double.compare(a.getValue().perSecond(), b.getValue().perSecond()))
                .orElseThrow().getKey();
        double peak = commands.get(peakLevel).perSecond();
        double rawAtPeak = raw.get(peakLevel).perSecond();
        double pipelineAtPeak = pipeline.get(peakLevel).perSecond();
        table.add("(a) commands: complaint registrations through the gateway (closed loop); ratio = commands/s ÷ raw pipeline/s");
        table.add(String.format("      %8s %12s %10s %10s %10s %12s %12s %10s %8s", "threads", "commands/s", "p50 ms", "p99 ms",
                "max ms", "raw rows/s", "pipeline/s", "pipe p50", "ratio"));
        commands.forEach((level, result) -> table.add(String.format(Locale.ROOT, "      %8d %12.0f %10.1f %10.1f %10.1f %12.0f %12.0f %10.2f %8.2f",
                level, result.perSecond(), result.percentileMs(50), result.percentileMs(99), result.latencies().getMaxValue() / 1000.0,
                raw.get(level).perSecond(), pipeline.get(level).perSecond(), pipeline.get(level).percentileMs(50),
                result.perSecond() / pipeline.get(level).perSecond())));
        if (oneRegistration != null && oneRegistration.count() > 0) {
            table.add(String.format(Locale.ROOT, "(a) where one registration's time went, at 1 thread (medians of %d, from Server-Timing)",
                    oneRegistration.count()));
            table.addAll(oneRegistration.table());
            Map<String, Object> medians = new LinkedHashMap<>();
            oneRegistration.medians().forEach((phase, ms) -> medians.put(phase, round(ms, 2)));
            results.put("oneRegistrationMs", medians);
        }

        double half = peak / 2;
        Duration fixed = Duration.ofMillis(Math.max(10_000, duration.toMillis() / 3));
        say("(a) at half the peak: %.0f registrations/s for %s …", half, fixed);
        Load.Result atHalf = Load.fixedRate(Math.max(concurrency, 8), fixed, half, this::register);
        row("(a) at half the peak", "%.0f/s asked, %.0f/s done: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, failed %d%s",
                half, atHalf.perSecond(), atHalf.percentileMs(50), atHalf.percentileMs(90), atHalf.percentileMs(99), atHalf.percentileMs(99.9),
                atHalf.failures(), failureNote(atHalf));
        results.put("peakConcurrency", peakLevel);
        results.put("commandsPerSecond", round(peak, 0));
        results.put("rawInsertsPerSecond", round(rawAtPeak, 0));
        results.put("rawPipelinePerSecond", round(pipelineAtPeak, 0));
        results.put("ratio", round(peak / pipelineAtPeak, 3));
        results.put("ratioToRawInsert", round(peak / rawAtPeak, 3));
        results.put("halfPeakRate", round(half, 0));
        results.put("p50Ms", round(atHalf.percentileMs(50), 1));
        results.put("p99Ms", round(atHalf.percentileMs(99), 1));
    }

    // ---- (c) lag --------------------------------------------------------------------------------------------------

    /**
     * At the target's rate, and at half the peak: above what the stack can register the first measures a queue, so
     * the second says what the read side does at a rate the commands sustain.
     */
    private void lagAtFixedRate() throws Exception {
        lagAt(LAG_RATE, "");
        Object half = results.get("halfPeakRate");
        if (half instanceof Number rate && rate.doubleValue() > 0 && rate.doubleValue() < LAG_RATE) {
            lagAt(rate.doubleValue(), "AtHalfPeak");
            highestRateWithLagUnderOneSecond(rate.doubleValue());
        }
    }

    /** What one rate did: asked, registered, and the slowest read model's lag p99. */
    private record LagAt(double asked, double done, double worstP99Ms) {
        boolean keptUp() {
            return done >= 0.9 * asked && worstP99Ms <= 1000;
        }
    }

    /**
     * From half the peak up in steps of a quarter, while the commands keep up with the rate asked (90 %) and the
     * slowest read model's lag p99 stays ≤ 1 s: the highest such rate ({@code lagMaxRateUnder1s}).
     */
    private void highestRateWithLagUnderOneSecond(double from) throws Exception {
        say("(c) the highest rate with lag p99 ≤ 1 s, from %.0f/s up by a quarter each step …", from);
        double best = 0;
        List<String> steps = new ArrayList<>();
        for (double rate = from; rate < LAG_RATE; rate *= 1.25) {
            LagAt at = lagAt(rate, null);
            steps.add(String.format(Locale.ROOT, "%.0f/s asked, %.0f/s done, p99 %.0f ms", at.asked(), at.done(), at.worstP99Ms()));
            if (!at.keptUp()) {
                break;
            }
            best = rate;
        }
        row("(c) highest rate, lag ≤ 1 s", "%s; steps: %s", best == 0 ? "none of the rates tried" : String.format(Locale.ROOT,
                "%.0f events/s", best), String.join(" · ", steps));
        results.put("lagMaxRateUnder1s", round(best, 0));
    }

    /** @param suffix the results' key suffix, or null to leave the results and the table alone (a search step) */
    private LagAt lagAt(double rate, String suffix) throws Exception {
        awaitProjectionsCaughtUp(Duration.ofMinutes(5));
        LagHistogram before = scrapeLag();
        Duration run = Duration.ofMillis(Math.max(10_000, duration.toMillis() / 2));
        say("(c) event → read-model lag at %.0f events/s for %s …", rate, run);
        Load.Result load = Load.fixedRate(Math.max(concurrency, 8), run, rate, this::register);
        awaitProjectionsCaughtUp(Duration.ofMinutes(5));
        LagHistogram lag = scrapeLag().since(before);
        double worstP99 = 0; // the slowest read model's p99, not the pooled one
        for (Map.Entry<String, Long> consumer : lag.counts().entrySet()) {
            if (consumer.getValue() > 0) {
                worstP99 = Math.max(worstP99, lag.percentileMs(consumer.getKey(), 99));
            }
        }
        if (suffix == null) {
            return new LagAt(rate, load.perSecond(), worstP99);
        }
        table.add(String.format(Locale.ROOT, "(c) lag at %.0f events/s asked, %.0f/s done (command p99 %.1f ms): event stored → applied, per read model",
                rate, load.perSecond(), load.percentileMs(99)));
        table.add(String.format("      %-58s %8s %8s %8s %8s", "service/consumer", "events", "p50 ms", "p99 ms", "p99.9 ms"));
        for (Map.Entry<String, Long> consumer : lag.counts().entrySet()) {
            if (consumer.getValue() == 0) {
                continue;
            }
            table.add(String.format(Locale.ROOT, "      %-58s %8d %8.1f %8.1f %8.1f", consumer.getKey(), consumer.getValue(),
                    lag.percentileMs(consumer.getKey(), 50), lag.percentileMs(consumer.getKey(), 99),
                    lag.percentileMs(consumer.getKey(), 99.9)));
        }
        LagHistogram all = lag.pooled();
        table.add(String.format(Locale.ROOT, "      %-58s %8d %8.1f %8.1f %8.1f", "all read models together", all.counts().getOrDefault("all", 0L),
                all.percentileMs("all", 50), all.percentileMs("all", 99), all.percentileMs("all", 99.9)));
        results.put("lagRate" + suffix, round(rate, 0));
        results.put("lagP50Ms" + suffix, round(all.percentileMs("all", 50), 1));
        results.put("lagP99Ms" + suffix, round(worstP99, 1));
        return new LagAt(rate, load.perSecond(), worstP99);
    }

    private LagHistogram scrapeLag() throws IOException {
        LagHistogram all = new LagHistogram();
        for (String service : LocalStack.serviceNames()) {
            all.add(service, client.metrics(stack.serviceUrl(service)));
        }
        return all;
    }

    private void awaitProjectionsCaughtUp(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long nextSay = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonNode overview = client.getJson("/api/v1/admin/projections", "ADMIN");
            long lag = overview.path("totalLag").asLong();
            if (lag == 0 && overview.path("unavailable").isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("read models still " + lag + " records behind after " + limit);
            }
            if (System.nanoTime() > nextSay) {
                say("    read models %,d records behind …", lag);
                nextSay = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            Thread.sleep(200);
        }
    }

    // ---- (e) needs the complaints first ---------------------------------------------------------------------------

    private void seedForReport() throws Exception {
        long missing = reportComplaints - registered.get();
        if (missing <= 0) {
            return;
        }
        say("(e) registering %,d more complaints through the gateway for the yearly report (%d threads) …", missing, concurrency);
        long started = System.nanoTime();
        long target = reportComplaints;
        Thread progress = new Thread(() -> {
            try {
                while (registered.get() < target) {
                    Thread.sleep(10_000);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long done = registered.get() - (target - missing);
                    say("    %,d of %,d (%.0f%%), %.0f/s, ETA %.0f s", done, missing, 100.0 * done / missing, done / seconds,
                            (missing - done) / Math.max(1, done / seconds));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-progress");
        progress.setDaemon(true);
        progress.start();
        Load.Result seed = Load.closedLoop(concurrency, missing, this::register);
        progress.interrupt();
        row("(e) seeded", "%,d complaints in %.0f s (%.0f/s)", seed.operations(), seed.seconds(), seed.perSecond());
        awaitProjectionsCaughtUp(Duration.ofMinutes(30));
    }

    // ---- (d) rebuilds ---------------------------------------------------------------------------------------------

    private void rebuildEveryReadModel() throws Exception {
        List<String> names = new ArrayList<>();
        Map<String, JsonNode> described = new LinkedHashMap<>();
        client.getJson("/api/v1/admin/projections", "ADMIN").path("projections").forEach(p -> {
            if (p.path("rebuildable").asBoolean()) {
                names.add(p.path("name").asText());
                described.put(p.path("name").asText(), p);
            }
        });
        say("(d) rebuilding %d read models, one after the other …", names.size());
        table.add("(d) full rebuilds (replay of the topics into shadow collections, then the swap), against the store's own");
        table.add("    bulk write of the rebuilt documents (1,000 whole-document upserts per bulk write, a fresh collection)");
        table.add(String.format(Locale.ROOT, "      %-44s %16s %7s %16s %16s %6s", "", "events", "s", "events/s", "store docs/s", "share"));
        long events = 0;
        double seconds = 0;
        double worstShare = Double.MAX_VALUE;
        for (String name : names) {
            long started = System.nanoTime();
            client.postJson("/api/v1/admin/projections/" + name + "/rebuild", "ADMIN", 202);
            JsonNode job;
            long nextSay = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                job = client.getJson("/api/v1/admin/projections/" + name, "ADMIN").path("rebuild");
                String phase = job.path("phase").asText();
                if (phase.equals("DONE")) {
                    break;
                }
                if (phase.equals("FAILED")) {
                    throw new IllegalStateException("rebuild of " + name + " failed: " + job.path("error").asText());
                }
                if (System.nanoTime() > nextSay) {
                    say("    %s: %s %d/%d (%d%%), %d events/s, ETA %s s", name, phase, job.path("eventsDone").asLong(),
                            job.path("eventsTotal").asLong(), job.path("percent").asLong(), job.path("eventsPerSecond").asLong(),
                            job.path("etaSeconds").asText());
                    nextSay = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                Thread.sleep(100);
            }
            double took = jobSeconds(job, (System.nanoTime() - started) / 1e9);
            long done = job.path("eventsDone").asLong();
            events += done;
            seconds += took;
            String store = "";
            String share = "";
            List<String> collections = new ArrayList<>();
            described.get(name).path("collections").forEach(c -> collections.add(c.asText()));
            if (!collections.isEmpty() && done > 0) {
                StoreBulkWrite.Result reference = StoreBulkWrite.of(mongo(), database(described.get(name)), collections);
                double ratio = (done / took) / reference.perSecond();
                worstShare = Math.min(worstShare, ratio);
                store = String.format(Locale.ROOT, "%,.0f", reference.perSecond());
                share = String.format(Locale.ROOT, "%.2f", ratio);
            }
            table.add(String.format(Locale.ROOT, "      %-44s %16d %7.1f %16.0f %16s %6s", name, done, took, done / took, store, share));
        }
        table.add(String.format(Locale.ROOT, "      %-44s %16d %7.1f %16.0f", "all, one after the other", events, seconds, events / seconds));
        results.put("rebuildEvents", events);
        results.put("rebuildEventsPerSecond", round(events / seconds, 0));
        if (worstShare != Double.MAX_VALUE) {
            results.put("rebuildShareOfStoreBulkWriteMin", round(worstShare, 2));
        }
    }

    private com.mongodb.client.MongoClient mongo;

    /** The bench's own client of the stack's Mongo-wire store. */
    private com.mongodb.client.MongoClient mongo() {
        if (mongo == null) {
            mongo = com.mongodb.client.MongoClients.create("mongodb://127.0.0.1:" + stack.settings().mongoPort());
        }
        return mongo;
    }

    /** A service's read-model database is named after it ({@code intake-service} → {@code intake}). */
    private static String database(JsonNode projection) {
        return projection.path("service").asText().replace("-service", "");
    }

    private static double jobSeconds(JsonNode job, double fallback) {
        try {
            return Duration.between(Instant.parse(job.path("startedAt").asText()), Instant.parse(job.path("finishedAt").asText())).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return fallback; // times not given as ISO instants: the bench's own clock, polling included
        }
    }

    // ---- (e) the report -------------------------------------------------------------------------------------------

    private void yearlyReport() throws Exception {
        int year = Instant.now().atZone(REPORT_ZONE).getYear();
        String path = "/api/v1/reports/yearly/" + year;
        long total = client.getJson(path, "ANALYST").path("complaints").path("total").asLong();
        say("(e) the yearly report %d over %,d complaints (the first of each kind is not counted) …", year, total);
        client.download(path, "ANALYST", "application/pdf");
        double[] json = new double[3];
        double[] pdf = new double[3];
        long jsonBytes = 0;
        long pdfBytes = 0;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            jsonBytes = client.download(path, "ANALYST", "application/json");
            json[i] = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            pdfBytes = client.download(path, "ANALYST", "application/pdf");
            pdf[i] = (System.nanoTime() - started) / 1e6;
        }
        java.util.Arrays.sort(json);
        java.util.Arrays.sort(pdf);
        row("(e) yearly report " + year, "%,d complaints: JSON %.0f ms (%,d bytes), PDF %.0f ms (%,d bytes); median of 3, runs %s / %s",
                total, json[1], jsonBytes, pdf[1], pdfBytes, java.util.Arrays.toString(round(json)), java.util.Arrays.toString(round(pdf)));
        results.put("reportComplaints", total);
        results.put("reportJsonMs", round(json[1], 0));
        results.put("reportPdfMs", round(pdf[1], 0));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static String failureNote(Load.Result result) {
        return result.firstFailure() == null ? "" : " (first: " + result.firstFailure() + ")";
    }

    private void row(String name, String format, Object... args) {
        String line = String.format(Locale.ROOT, "%-28s %s", name, String.format(Locale.ROOT, format, args));
        table.add(line);
        say("%s", line);
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static long[] round(double[] values) {
        return java.util.Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration must look like 60s, 2m or 90, not " + text);
        }
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not " + value);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) {
        try {
            if (!Files.exists(root)) {
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
