package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.platform.consumer.EventBatchHandler;

import java.util.List;

/**
 * A read model fed from Kafka that {@link ProjectionRebuilds} can rebuild: its name is the id of the Kafka listener
 * that keeps it live (whose topics the rebuild replays) and its consumer name in {@code applied_sequences}; it lists
 * the Mongo collections and the PostgreSQL tables it alone writes, and makes a second instance of itself writing to
 * another {@link ReadModelTarget}.
 */
public abstract class RebuildableProjection {
    private final String name;
    private final List<String> collections;
    private final List<String> tables;

    protected RebuildableProjection(String name, List<String> collections) {
        this(name, collections, List.of());
    }

    protected RebuildableProjection(String name, List<String> collections, List<String> tables) {
        this.name = name;
        this.collections = List.copyOf(collections);
        this.tables = List.copyOf(tables);
    }

    public final String name() {
        return name;
    }

    /** Every Mongo collection the projection writes, and nothing it does not own. */
    public final List<String> collections() {
        return collections;
    }

    /** Every table of the service's PostgreSQL the projection writes, and nothing it does not own. */
    public final List<String> tables() {
        return tables;
    }

    /**
     * Whether the live read models lack something their events would have written (a collection a newer version of
     * the projection added): the service then rebuilds the projection once it is ready.
     */
    public boolean incomplete(MongoDatabase database) {
        return false;
    }

    /** The projection's effect, writing to {@code target} instead of the live read models. */
    public abstract EventBatchHandler writingTo(ReadModelTarget target);
}
