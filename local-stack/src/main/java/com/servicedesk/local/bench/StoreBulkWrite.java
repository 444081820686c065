package com.servicedesk.local.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference a rebuild is held against: how fast the store itself takes a read model's final documents, written the
 * way a rebuild writes them (whole-document upserts, 1,000 per unordered bulk write) into a fresh collection of the
 * same database. A rebuild cannot beat it; the bench prints the rebuild's rate as a share of it.
 */
final class StoreBulkWrite {
    private static final int BULK = 1000;

    record Result(long documents, double seconds) {
        double perSecond() {
            return seconds == 0 ? 0 : documents / seconds;
        }
    }

    private StoreBulkWrite() {
    }

    static Result of(MongoClient client, String database, List<String> collections) {
        MongoDatabase db = client.getDatabase(database);
        long documents = 0;
        double seconds = 0;
        for (String collection : collections) {
            List<Document> all = db.getCollection(collection).find().batchSize(BULK).into(new ArrayList<>());
            MongoCollection<Document> scratch = db.getCollection("bench_bulk_" + collection);
            scratch.drop();
            long started = System.nanoTime();
            for (int from = 0; from < all.size(); from += BULK) {
                List<WriteModel<Document>> writes = new ArrayList<>(BULK);
                for (Document document : all.subList(from, Math.min(all.size(), from + BULK))) {
                    writes.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true)));
                }
                scratch.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
            seconds += (System.nanoTime() - started) / 1e9;
            documents += all.size();
            scratch.drop();
        }
        return new Result(documents, seconds);
    }
}
