package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;

/**
 * Where a rebuildable projection writes: the live read models, or a rebuild's shadow of them. Mongo collections are
 * reached through {@link #database()} (a shadow's answers prefixed collections), PostgreSQL tables through
 * {@link #table(String)} (a shadow's are prefixed likewise), so a projection states each name once.
 */
public record ReadModelTarget(MongoDatabase database, String tablePrefix) {

    public static ReadModelTarget live(MongoDatabase database) {
        return new ReadModelTarget(database, "");
    }

    /** The name to use for the projection's table {@code name} in this target. */
    public String table(String name) {
        return tablePrefix + name;
    }
}
