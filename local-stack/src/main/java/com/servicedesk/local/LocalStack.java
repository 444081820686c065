package com.servicedesk.local;

import com.servicedesk.embedded.EmbeddedKafkaBroker;
import com.servicedesk.embedded.EmbeddedMongoServer;
import com.servicedesk.embedded.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system on one machine: real PostgreSQL (one database per service), a real Kafka broker (KRaft) and a
 * Mongo-wire store run in this JVM; every service and the gateway run as child JVMs.
 * <p>
 * Why child processes rather than one JVM: each service keeps its own heap, classpath and configuration exactly as
 * it is deployed, and a service can be killed (kill -9) and restarted on its own while the rest keeps running, which
 * is what the fault tests do. The cost is memory (a JVM each), kept low by small heaps. If this launcher is itself
 * killed, its children are found through their pid files and stopped at the next start.
 */
public final class LocalStack implements AutoCloseable {
    /** name, database (null: none), the jar in the services folder. The gateway comes last. */
    record Service(String name, String database, String jar) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("intake-service", "intake", "intake-service.jar"),
            new Service("fieldservice-service", "fieldservice", "fieldservice-service.jar"),
            new Service("quality-service", "quality", "quality-service.jar"),
            new Service("satisfaction-service", "satisfaction", "satisfaction-service.jar"),
            new Service("reporting-service", "reporting", "reporting-service.jar"));
    static final String GATEWAY = "gateway";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Answers say where their time went (docs/benchmarks.md); {@code --servicedesk.web.server-timing=false} turns it off. */
    private static final String SERVER_TIMING = "--servicedesk.web.server-timing=true";

    private final LocalStackSettings settings;
    private final PrintStream out;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private FileChannel lockChannel;
    private FileLock lock;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private EmbeddedMongoServer mongo;
    private long startedAt;
    private volatile boolean closing;

    public LocalStack(LocalStackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public LocalStackSettings settings() {
        return settings;
    }

    public String gatewayUrl() {
        return "http://localhost:" + settings.gatewayPort();
    }

    /** The five services' names (the gateway not among them), in start order. */
    public static List<String> serviceNames() {
        return SERVICES.stream().map(Service::name).toList();
    }

    /** A service's own address, bypassing the gateway (as Prometheus scrapes it). */
    public String serviceUrl(String name) {
        return "http://127.0.0.1:" + port(name);
    }

    /** The embedded PostgreSQL's JDBC URL for a database (user postgres, no password). */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public void createDatabase(String database) {
        postgres.createDatabaseIfMissing(database);
    }

    public Optional<ServiceProcess> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Starts everything and returns once the gateway reports every service UP. */
    public void start() throws Exception {
        startedAt = System.nanoTime();
        Path data = settings.dataDir();
        Files.createDirectories(data.resolve("logs"));
        Files.createDirectories(data.resolve("run"));
        lockDataDir(data);
        stopLeftovers(data);
        // normally done by the build already; after a rebuild without it, once, all at the same time
        List<Path> jars = new ArrayList<>();
        SERVICES.forEach(service -> jars.add(settings.servicesDir().resolve(service.jar())));
        jars.add(settings.servicesDir().resolve("gateway.jar"));
        ServiceJars.prepare(jars);

        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), settings.postgresPort(), true);
        for (Service service : SERVICES) {
            postgres.createDatabaseIfMissing(service.database());
        }
        say("PostgreSQL      jdbc:postgresql://127.0.0.1:%d/<service> (user postgres)", settings.postgresPort());
        kafka = EmbeddedKafkaBroker.start(data.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
        say("Kafka (KRaft)   %s", kafka.bootstrapServers());
        mongo = EmbeddedMongoServer.start(data.resolve("mongo").resolve("readmodels.mv"), settings.mongoPort());
        say("MongoDB wire    %s", mongo.uri());

        Map<String, String> environment = childEnvironment();
        Map<String, String> serviceUrls = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            Service service = SERVICES.get(i);
            List<String> arguments = new ArrayList<>(List.of(
                    "--spring.datasource.url=" + postgres.jdbcUrl(service.database()),
                    "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                    "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--spring.mongodb.uri=" + mongo.uri(),
                    SERVER_TIMING));
            arguments.addAll(settings.forwardedArguments());
            processes.add(new ServiceProcess(service.name(), settings.servicesDir().resolve(service.jar()),
                    settings.servicePort(i), arguments, data.resolve("logs")));
            serviceUrls.put(service.database(), "http://127.0.0.1:" + settings.servicePort(i));
        }
        List<String> gatewayArguments = new ArrayList<>(List.of("--spring.profiles.active=local", SERVER_TIMING));
        serviceUrls.forEach((key, url) -> gatewayArguments.add("--servicedesk.services." + key + "=" + url));
        gatewayArguments.addAll(settings.forwardedArguments());
        processes.add(new ServiceProcess(GATEWAY, settings.servicesDir().resolve("gateway.jar"), settings.gatewayPort(),
                gatewayArguments, data.resolve("logs")));

        for (ServiceProcess process : processes) {
            process.start(settings.jvmOptions(), environment);
            recordPid(process);
        }
        awaitReady();
    }

    /** Restarts one service (after a crash or a kill -9); returns once it is UP again. */
    public void restart(String name) throws Exception {
        ServiceProcess process = process(name).orElseThrow(() -> new IllegalArgumentException("no service " + name));
        process.stop(STOP_GRACE);
        process.start(settings.jvmOptions(), childEnvironment());
        // the new child's pid, so that a launcher killed from now on still has it stopped at the next start
        recordPid(process);
        awaitUp(process);
    }

    /**
     * Kills one service or the gateway outright (SIGKILL, as {@code kill -9}): no shutdown hook, no graceful leave of its
     * Kafka groups, no release of its Axon segments. Returns once the process is gone; {@link #restart} brings it back.
     */
    public void kill(String name) throws InterruptedException {
        ServiceProcess process = process(name).orElseThrow(() -> new IllegalArgumentException("no service " + name));
        if (process.isAlive()) {
            process.process().destroyForcibly();
            if (!process.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.process().pid() + ") did not die");
            }
        }
    }

    /** Stops the Kafka broker (its ports and data stay); the services keep running and retry until it is back. */
    public void stopKafka() {
        kafka.stop();
    }

    /** Starts the broker stopped by {@link #stopKafka()} again, on the same ports and data. */
    public void startKafka() throws Exception {
        kafka.start();
    }

    /** Kafka's bootstrap servers, for a test's own admin client or consumer. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Starts one more instance of a service: the same jar, database, broker, Mongo store, JWT key and arguments as the
     * first, on {@code port}, named {@code instanceName} (its log is {@code logs/<instanceName>.log}). It shares the
     * first one's work: Kafka's consumer groups split the partitions between them, Axon's processors split their
     * segments. {@code extraArguments} come after the first one's (a later one wins), e.g. a Kafka client id telling its
     * consumers apart. Returns once it is UP (which includes holding Kafka partitions). {@link #kill}, {@link #restart}
     * and {@link #stopInstance} take its name; {@link #close()} stops it with the rest.
     */
    public void startInstance(String service, String instanceName, int port, String... extraArguments) throws Exception {
        ServiceProcess first = process(service).orElseThrow(() -> new IllegalArgumentException("no service " + service));
        if (GATEWAY.equals(service) || process(instanceName).isPresent()) {
            throw new IllegalArgumentException("cannot start " + instanceName + " as another instance of " + service);
        }
        ServiceProcess instance = first.another(instanceName, port, List.of(extraArguments));
        processes.add(instance);
        instance.start(settings.jvmOptions(), childEnvironment());
        recordPid(instance);
        awaitUp(instance);
    }

    private void recordPid(ServiceProcess process) throws IOException {
        Files.writeString(pidFile(settings.dataDir(), process.name()), process.process().pid() + " "
                + process.process().info().startInstant().map(Object::toString).orElse("?"));
    }

    private void awaitUp(ServiceProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.readyTimeoutSeconds()).toNanos();
        while (!process.isUp()) {
            failIfDead(process);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " did not come up; see " + process.log());
            }
            Thread.sleep(250);
        }
    }

    /** Stops (gracefully) and forgets an instance started by {@link #startInstance}. */
    public void stopInstance(String instanceName) {
        ServiceProcess instance = process(instanceName).orElseThrow(() -> new IllegalArgumentException("no instance " + instanceName));
        if (SERVICES.stream().anyMatch(service -> service.name().equals(instanceName)) || GATEWAY.equals(instanceName)) {
            throw new IllegalArgumentException(instanceName + " is one of the stack's own processes; use kill or restart");
        }
        instance.stop(STOP_GRACE);
        processes.remove(instance);
        deleteQuietly(pidFile(settings.dataDir(), instanceName));
    }

    /** The port a service, the gateway or an extra instance listens on. */
    public int port(String name) {
        return process(name).orElseThrow(() -> new IllegalArgumentException("no service " + name)).port();
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.readyTimeoutSeconds()).toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(processes);
        while (!waiting.isEmpty()) {
            for (ServiceProcess process : List.copyOf(waiting)) {
                failIfDead(process);
                if (process.isUp()) {
                    waiting.remove(process);
                    say("%-15s UP on http://localhost:%d after %.1f s", process.name(), process.port(), elapsedSeconds());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + settings.readyTimeoutSeconds() + " s: "
                        + waiting.stream().map(ServiceProcess::name).toList() + "; logs in " + settings.dataDir().resolve("logs"));
            }
            Thread.sleep(250);
        }
    }

    private void failIfDead(ServiceProcess process) {
        if (closing) {
            throw new IllegalStateException("stopped before every service was ready");
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(process.name() + " stopped during start-up; last lines of " + process.log()
                    + ":\n" + process.logTail(40));
        }
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    /** Stops the gateway and services first (they flush to Kafka and the databases), then the servers. */
    @Override
    public void close() {
        closing = true;
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess process : processes) {
            Thread thread = new Thread(() -> process.stop(STOP_GRACE), "stop-" + process.name());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.forEach(process -> deleteQuietly(pidFile(settings.dataDir(), process.name())));
        if (kafka != null) {
            kafka.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                out.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        try {
            if (lock != null) {
                lock.release();
                lockChannel.close();
            }
        } catch (IOException e) {
            out.println("could not release the data dir lock: " + e.getMessage());
        }
    }

    /** One stack per data dir: a second would corrupt the first one's databases. */
    private void lockDataDir(Path data) throws IOException {
        lockChannel = FileChannel.open(data.resolve("run").resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("another local stack is running on " + data);
        }
    }

    /** Children of a launcher that was killed outright are still running: stop them before anything binds ports. */
    private void stopLeftovers(Path data) throws IOException {
        try (var files = Files.list(data.resolve("run"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String[] parts = Files.readString(file).trim().split(" ");
                ProcessHandle.of(Long.parseLong(parts[0])).ifPresent(handle -> {
                    String started = handle.info().startInstant().map(Object::toString).orElse("?");
                    if (parts.length > 1 && parts[1].equals(started)) {
                        say("stopping %s left over from an earlier run (pid %d)", file.getFileName(), handle.pid());
                        handle.destroyForcibly();
                        handle.onExit().join();
                    }
                });
                Files.delete(file);
            }
        }
        Path postmaster = data.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
            ProcessHandle.of(pid).filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(handle -> {
                        say("stopping PostgreSQL left over from an earlier run (pid %d)", pid);
                        handle.destroy(); // SIGTERM: PostgreSQL's smart shutdown
                        handle.onExit().join();
                    });
        }
    }

    /** Secrets go in the environment, not the command line, so `ps` does not show them. */
    private Map<String, String> childEnvironment() throws IOException {
        return Map.of(
                "SERVICEDESK_SECURITY_JWT_SECRET", jwtSecret(settings.dataDir()),
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    }

    /** The HMAC key tokens are signed with: generated on first start, kept (owner-only) in the data dir. */
    private static String jwtSecret(Path data) throws IOException {
        Path file = data.resolve("secrets").resolve("jwt-secret");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file stays as the OS made it
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    private static Path pidFile(Path data, String name) {
        return data.resolve("run").resolve(name + ".pid");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale pid file is checked against the process start time at the next start
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(format, args));
    }
}
