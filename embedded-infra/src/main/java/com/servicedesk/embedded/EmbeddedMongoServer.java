package com.servicedesk.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A MongoDB-wire server (mongo-java-server). With a file it keeps its data in an H2 MVStore, so the local stack's read
 * models survive a restart; without one it lives in memory (tests). It has no transactions and ignores secondary
 * indexes: read models must not depend on either.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
    /**
     * MongoDB 5.0 with its own wire version, 13: the server's "5.0" reports wire version 8, which today's mongosh (2.x)
     * and Node drivers refuse (they need 9). The commands it answers are the same (docs/analysts-guide.md, "Which shell").
     */
    static final MongoVersion ANSWERS_AS = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(5, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 13;
        }
    };
    private final MongoServer server;
    private final int port;

    private EmbeddedMongoServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedMongoServer start(Path file, int port) throws IOException {
        MongoBackend backend;
        if (file == null) {
            backend = new MemoryBackend();
        } else {
            Files.createDirectories(file.toAbsolutePath().getParent());
            backend = new H2Backend(file.toString());
        }
        backend.version(ANSWERS_AS);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new EmbeddedMongoServer(server, server.getLocalAddress().getPort());
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
