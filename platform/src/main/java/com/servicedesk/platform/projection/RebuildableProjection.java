package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.platform.consumer.PublishedEvent;

import java.util.List;
import java.util.function.Consumer;

/**
 * A Mongo read model fed from Kafka that {@link ProjectionRebuilds} can rebuild from its topics: it names the Kafka
 * listener that keeps it live (the listener id is {@link #name()}), the topics it reads and the collections it alone
 * writes, and can make a second instance of itself writing to another database.
 */
public interface RebuildableProjection {
    /** The projection's name, which is also its Kafka listener id and its {@code applied_sequences} consumer. */
    String name();

    List<String> topics();

    /** Every collection the projection writes, and nothing it does not own. */
    List<String> collections();

    /** The projection's effect, writing to {@code database} instead of the live read-model database. */
    Consumer<PublishedEvent> writingTo(MongoDatabase database);
}
