package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.platform.consumer.PublishedEvent;

import java.util.List;
import java.util.function.Consumer;

/**
 * A Mongo read model fed from Kafka that {@link ProjectionRebuilds} can rebuild: its name is the id of the Kafka
 * listener that keeps it live (whose topics the rebuild replays) and its consumer name in {@code applied_sequences};
 * it lists the collections it alone writes, and makes a second instance of itself writing to another database.
 */
public abstract class RebuildableProjection {
    private final String name;
    private final List<String> collections;

    protected RebuildableProjection(String name, List<String> collections) {
        this.name = name;
        this.collections = List.copyOf(collections);
    }

    public final String name() {
        return name;
    }

    /** Every collection the projection writes, and nothing it does not own. */
    public final List<String> collections() {
        return collections;
    }

    /** The projection's effect, writing to {@code database} instead of the live read-model database. */
    public abstract Consumer<PublishedEvent> writingTo(MongoDatabase database);
}
