package com.servicedesk.platform.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.servicedesk.embedded.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What a batch sends to the store, seen on the wire: one read per collection, one write per collection, in order. */
class ReadModelBatchTest {
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(TestInfrastructure.get().mongo().uri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    String name = event.getCommandName();
                    if (name.equals("find") || name.equals("update")) {
                        commands.add(name + " " + event.getCommand().getString(name).getValue());
                    }
                }
            }).build());
    private final MongoDatabase database = client.getDatabase("batch_" + UUID.randomUUID().toString().replace("-", ""));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aBatchReadsEachCollectionOnceAndWritesTheAggregatesLast() {
        database.getCollection("things").insertOne(new Document("_id", "a").append("n", 1));
        commands.clear();

        ReadModelBatch batch = new ReadModelBatch(database).writeLast("things");
        batch.preload("things", List.of("a", "b", "c"));
        Document a = batch.find("things", "a");
        a.put("n", 2);
        batch.save("things", a);
        assertThat(batch.find("things", "b")).isNull();
        batch.save("things", new Document("_id", "b").append("n", 1));
        batch.queue("counters", new UpdateOneModel<>(Filters.eq("_id", "day"), new Document("$inc", new Document("n", 2)),
                new com.mongodb.client.model.UpdateOptions().upsert(true)));
        assertThat(database.getCollection("things").countDocuments(Filters.eq("_id", "b"))).as("nothing before flush").isZero();
        commands.clear();

        batch.flush();

        assertThat(commands).containsExactly("update counters", "update things");
        assertThat(database.getCollection("things").find(Filters.eq("_id", "a")).first().getInteger("n")).isEqualTo(2);
        assertThat(database.getCollection("things").find(Filters.eq("_id", "b")).first().getInteger("n")).isEqualTo(1);
        assertThat(database.getCollection("counters").find(Filters.eq("_id", "day")).first().getInteger("n")).isEqualTo(2);
    }

    @Test
    void preloadedDocumentsAreReadInOneQueryAndThenFromMemory() {
        database.getCollection("things").insertMany(List.of(new Document("_id", "x"), new Document("_id", "y")));
        commands.clear();

        ReadModelBatch batch = new ReadModelBatch(database);
        batch.preload("things", List.of("x", "y", "z"));
        batch.find("things", "x");
        batch.find("things", "y");
        batch.find("things", "z");
        batch.preload("things", List.of("x", "z"));

        assertThat(commands).containsExactly("find things");
    }
}
