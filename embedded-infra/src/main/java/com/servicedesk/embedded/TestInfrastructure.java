package com.servicedesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL, Kafka broker and Mongo-wire server per test JVM, started on first use and stopped when the JVM
 * exits. Every caller gets its own PostgreSQL database and Mongo database, so test classes never see each other's
 * state; they share the broker and must use their own consumer groups.
 */
public final class TestInfrastructure {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestInfrastructure instance;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedMongoServer mongo;

    private TestInfrastructure(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka, EmbeddedMongoServer mongo) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.mongo = mongo;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("servicedesk-test-");
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(root.resolve("postgres"), FreePorts.find(), false);
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(root.resolve("kafka"), FreePorts.find(), FreePorts.find());
                EmbeddedMongoServer mongo = EmbeddedMongoServer.start(null, 0);
                instance = new TestInfrastructure(postgres, kafka, mongo);
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-infrastructure-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test infrastructure: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** Spring properties pointing a service at a fresh database of its own on the shared servers. */
    public Map<String, String> springProperties(String service) {
        String database = service.replace('-', '_') + "_" + DATABASES.incrementAndGet();
        postgres.createDatabaseIfMissing(database);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.mongodb.uri", mongo.uri());
        properties.put("spring.mongodb.database", database);
        return properties;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public EmbeddedMongoServer mongo() {
        return mongo;
    }

    private void stop() {
        try {
            kafka.close();
            mongo.close();
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
