package com.servicedesk.platform.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.servicedesk.platform.axon.AxonJson;
import com.servicedesk.platform.mongo.Documents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's own chain heads as they were read back from Kafka, kept in the read-model database (not the event
 * store's) for {@link EventIntegrity} to compare with. What counts is what reached the topic: a head is recorded only
 * from a consumed record, never from the publisher's memory. Each record is an idempotent upsert, so redelivery is
 * harmless; an unreadable record fails and, after retries, goes to the dead-letter topic.
 */
public class PublishedChainHeads {
    public static final String COLLECTION = "published_chain_heads";

    private final MongoCollection<Document> heads;
    private final String service;

    public PublishedChainHeads(MongoDatabase readModelDatabase, String service) {
        this.heads = readModelDatabase.getCollection(COLLECTION);
        this.heads.createIndex(Indexes.ascending("aggregateId", "sequence"));
        this.service = service;
    }

    @KafkaListener(id = "${spring.application.name}-chain-heads", topics = com.servicedesk.events.Topics.CHAIN_HEADS,
            groupId = "${servicedesk.audit.chain-heads.group:${spring.application.name}-chain-heads}")
    public void on(ConsumerRecord<String, byte[]> record) {
        ChainHead head;
        try {
            head = AxonJson.mapper().readValue(record.value(), ChainHead.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a chain head: " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
        if (service.equals(head.service())) {
            record(head);
        }
    }

    void record(ChainHead head) {
        heads.replaceOne(Filters.eq("_id", head.aggregateId() + "|" + head.sequence()),
                new Document("_id", head.aggregateId() + "|" + head.sequence())
                        .append("aggregateId", head.aggregateId())
                        .append("aggregateType", head.aggregateType())
                        .append("sequence", head.sequence())
                        .append("head", head.head())
                        .append("publishedAt", Date.from(head.publishedAt())),
                new ReplaceOptions().upsert(true));
    }

    /**
     * Every head published, by aggregate, each aggregate's oldest sequence first: one read of the collection for a
     * sweep over all chains, instead of one per aggregate (the Mongo-wire store scans the whole collection for each).
     */
    public Map<String, List<ChainHead>> all() {
        Map<String, List<ChainHead>> byAggregate = new HashMap<>();
        for (Document d : heads.find().sort(Sorts.ascending("aggregateId", "sequence")).batchSize(Documents.READ_BATCH)) {
            byAggregate.computeIfAbsent(d.getString("aggregateId"), id -> new ArrayList<>()).add(head(d));
        }
        return byAggregate;
    }

    /** Every head published for the aggregate, oldest sequence first. */
    public List<ChainHead> of(String aggregateId) {
        List<ChainHead> found = new ArrayList<>();
        for (Document d : heads.find(Filters.eq("aggregateId", aggregateId)).sort(Sorts.ascending("sequence"))) {
            found.add(head(d));
        }
        return found;
    }

    private ChainHead head(Document d) {
        return new ChainHead(service, d.getString("aggregateType"), d.getString("aggregateId"), d.getLong("sequence"),
                d.getString("head"), d.getDate("publishedAt").toInstant());
    }
}
