package com.servicedesk.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack promises that data survives a restart: each store is written, stopped, started again and read. */
class EmbeddedInfraRestartTest {

    @TempDir
    Path dir;

    @Test
    void postgresKeepsCommittedRowsAcrossRestart() throws Exception {
        int port = FreePorts.find();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), port, true)) {
            pg.createDatabaseIfMissing("intake");
            pg.createDatabaseIfMissing("intake"); // second call is a no-op
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("intake"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
                s.execute("INSERT INTO t VALUES ('kept')");
                try (ResultSet r = s.executeQuery("SHOW fsync")) {
                    r.next();
                    assertThat(r.getString(1)).isEqualTo("on");
                }
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), port, true);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("intake"), "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT v FROM t")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void kafkaKeepsTopicsAcrossRestart() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), FreePorts.find(), FreePorts.find());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get();
        }
        broker.stop();
        broker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("kept");
        } finally {
            broker.close();
        }
    }

    @Test
    void mongoFileStoreKeepsDocumentsAcrossRestart() throws Exception {
        Path file = dir.resolve("mongo").resolve("store.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
             MongoClient client = MongoClients.create(server.uri())) {
            client.getDatabase("db").getCollection("c").insertOne(new Document("_id", "a").append("v", 1));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
             MongoClient client = MongoClients.create(server.uri())) {
            Document kept = client.getDatabase("db").getCollection("c").find(new Document("_id", "a")).first();
            assertThat(kept).isNotNull();
            assertThat(kept.getInteger("v")).isEqualTo(1);
        }
    }

    /** Today's shells and drivers (mongosh 2.x, Node driver 6) refuse a server below wire version 9. */
    @Test
    void mongoAnswersWithAWireVersionTodaysShellsAccept() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(null, 0);
             MongoClient client = MongoClients.create(server.uri())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("isMaster", 1));
            assertThat(hello.getInteger("maxWireVersion")).isGreaterThanOrEqualTo(9);
            assertThat(client.getDatabase("admin").runCommand(new Document("buildInfo", 1)).getString("version")).startsWith("5.0");
        }
    }
}
