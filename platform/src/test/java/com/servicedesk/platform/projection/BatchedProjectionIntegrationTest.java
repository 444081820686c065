package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.embedded.TestInfrastructure;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintClassifiedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintReopenedEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.platform.PlatformTestApplication;
import com.servicedesk.platform.consumer.AppliedSequences;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.relay.CloudEventCodec;
import com.servicedesk.platform.relay.PlatformKafkaAutoConfiguration;
import com.servicedesk.platform.testing.ForeignEvents;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched path end to end on the real broker and Mongo-wire store: typed routing, one batch with interleaved
 * aggregates, a redelivered prefix, an unreadable record and an event the projection cannot apply. Every document ends
 * equal to the one-at-a-time result, both bad records land on the dead-letter topic, nothing is lost or doubled, and an
 * event of a type the projection does not route never touches its store.
 */
@SpringBootTest(classes = {PlatformTestApplication.class, BatchedProjectionIntegrationTest.Projections.class}, properties = {
        "spring.application.name=batch-test", "servicedesk.consumer.retry-interval=20ms"})
class BatchedProjectionIntegrationTest {
    static final String TOPIC = "servicedesk.test.batched.v1";
    static final String NAME = "batch-test-projection";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "batchtest");
    }

    /** Records the order each aggregate's events were applied in, and what the routed events carry. */
    static class TestProjection extends AggregateDocumentProjection {
        private final IdempotentConsumer consumer;

        TestProjection(MongoDatabase database, IdempotentConsumer consumer) {
            super(NAME, database, "things", "thing", List.of(), List.of());
            this.consumer = consumer;
            router.on(ComplaintRegisteredEvent.class, (batch, e, event) -> create(batch, event,
                            new Document("customerId", e.customerId()).append("applied", new ArrayList<>(List.of(event.id())))))
                    .on(ComplaintAcknowledgedEvent.class, (batch, e, event) -> change(batch, event).put("note", e.note()))
                    .on(ComplaintClassifiedEvent.class, (batch, e, event) -> change(batch, event)
                            .append("category", e.category().name()).append("at", Date.from(event.occurredAt())));
        }

        @Override
        protected void changing(ReadModelBatch batch, Document document, PublishedEvent event) {
            document.getList("applied", String.class).add(event.id());
        }

        @Override
        public TestProjection writingTo(ReadModelTarget target) {
            return new TestProjection(target.database(), consumer);
        }

        @KafkaListener(id = NAME, batch = "true", topics = TOPIC, groupId = NAME, autoStartup = "false")
        public void on(List<ConsumerRecord<String, byte[]>> records) {
            consumer.consume(NAME, records, this);
        }
    }

    @TestConfiguration
    static class Projections {
        @Bean
        NewTopic batchedTopic() {
            return TopicBuilder.name(TOPIC).partitions(1).replicas(1).build();
        }

        @Bean
        NewTopic batchedDeadLetters() {
            return TopicBuilder.name(TOPIC + PlatformKafkaAutoConfiguration.DEAD_LETTER_SUFFIX).partitions(1).replicas(1).build();
        }

        @Bean
        TestProjection testProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
            return new TestProjection(readModelDatabase, consumer);
        }
    }

    @Autowired
    TestProjection projection;
    @Autowired
    MongoDatabase readModelDatabase;
    @Autowired
    MongoClient mongo;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aBatchWithARedeliveredPrefixAndTwoBadRecordsEndsAsOneAtATime() throws Exception {
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        String c = "c-" + UUID.randomUUID();
        List<PublishedEvent> good = new ArrayList<>();
        try (ForeignEvents events = new ForeignEvents(TestInfrastructure.get().kafka().bootstrapServers())) {
            // first delivery: a and b registered, a acknowledged
            List<ProducerRecord<String, byte[]>> prefix = List.of(
                    publish(events, a, 0, registered(a), good),
                    publish(events, b, 0, registered(b), good),
                    publish(events, a, 1, new ComplaintAcknowledgedEvent(a, "first"), good));
            listeners.getListenerContainer(NAME).start();
            awaitDocument(a, 1);
            listeners.getListenerContainer(NAME).stop();

            // one batch: the prefix again (a redelivery), interleaved aggregates, an unreadable record, an event of a
            // type not routed, and an acknowledgement of a complaint that was never registered
            for (ProducerRecord<String, byte[]> again : prefix) {
                events.send(again);
            }
            publish(events, b, 1, new ComplaintClassifiedEvent(b, ComplaintCategory.DELIVERY, Severity.HIGH), good);
            events.send(new ProducerRecord<>(TOPIC, null, "x", "not a cloud event".getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders()));
            publish(events, a, 2, new ComplaintClassifiedEvent(a, ComplaintCategory.SERVICE, Severity.LOW), good);
            publish(events, c, 1, new ComplaintAcknowledgedEvent(c, "no such complaint"), null);
            String unrouted = "u-" + UUID.randomUUID();
            publish(events, unrouted, 0, new ComplaintReopenedEvent(unrouted, "not routed"), null);
            publish(events, b, 2, new ComplaintAcknowledgedEvent(b, "late"), good);
            publish(events, a, 3, new ComplaintAcknowledgedEvent(a, "again"), good);
            listeners.getListenerContainer(NAME).start();
            awaitDocument(a, 3);
            awaitDocument(b, 2);

            List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters(2);
            assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactly("x", c);

            // the one-at-a-time result: the same projection, fed each good event alone, in another database
            MongoDatabase expected = mongo.getDatabase(readModelDatabase.getName() + "_expected");
            IdempotentConsumer single = new IdempotentConsumer(new AppliedSequences(expected), new SimpleMeterRegistry());
            TestProjection reference = projection.writingTo(ReadModelTarget.live(expected));
            good.forEach(event -> single.apply(NAME, List.of(event), reference));
            for (String id : List.of(a, b)) {
                assertThat(readModelDatabase.getCollection("things").find(new Document("_id", id)).first())
                        .isEqualTo(expected.getCollection("things").find(new Document("_id", id)).first());
            }
            Document documentA = readModelDatabase.getCollection("things").find(new Document("_id", a)).first();
            assertThat(documentA.getList("applied", String.class)).hasSize(4).doesNotHaveDuplicates();
            assertThat(documentA.getLong("version")).isEqualTo(3L);
            assertThat(documentA.getString("note")).isEqualTo("again");

            // the unrouted event touched nothing: no document, no applied sequence
            assertThat(projection.handledTypes()).containsExactly(ComplaintRegisteredEvent.class,
                    ComplaintAcknowledgedEvent.class, ComplaintClassifiedEvent.class);
            assertThat(readModelDatabase.getCollection("things").countDocuments(new Document("_id", unrouted))).isZero();
            // the positions are the documents' versions, written with them: none kept beside them
            assertThat(new AppliedSequences(readModelDatabase).lastApplied(NAME, List.of(unrouted, c, a, b))).isEmpty();
            assertThat(readModelDatabase.getCollection("things").find(new Document("_id", b)).first().getLong("version")).isEqualTo(2L);
        }
    }

    private static ProducerRecord<String, byte[]> publish(ForeignEvents events, String aggregateId, long sequence, Object payload,
                                                          List<PublishedEvent> good) throws Exception {
        ProducerRecord<String, byte[]> record = events.publishAt(Instant.parse("2026-03-01T08:00:00Z").plusSeconds(sequence),
                TOPIC, "Complaint", aggregateId, sequence, payload, aggregateId);
        if (good != null) {
            good.add(CloudEventCodec.decode(new ConsumerRecord<>(TOPIC, 0, 0L, 0L, TimestampType.NO_TIMESTAMP_TYPE, -1, -1,
                    record.key(), record.value(), record.headers(), Optional.empty())).orElseThrow());
        }
        return record;
    }

    private static ComplaintRegisteredEvent registered(String id) {
        Instant received = Instant.parse("2026-03-01T07:00:00Z");
        return new ComplaintRegisteredEvent(id, "CUST-" + id, "Customer", new Contact("n", null, "e@x.cn"), Channel.PHONE,
                "P", "S", null, ComplaintCategory.PRODUCT_QUALITY, Severity.MEDIUM, Region.IN_PROVINCE, "d", received, null,
                received.plus(Duration.ofHours(24)), received.plus(Duration.ofHours(48)));
    }

    private void awaitDocument(String id, long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Document document = readModelDatabase.getCollection("things").find(new Document("_id", id)).first();
            if (document != null && document.getLong("version") >= version) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " never reached version " + version);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(int expected) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(Set.of(TOPIC + PlatformKafkaAutoConfiguration.DEAD_LETTER_SUFFIX));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(found::add);
            }
            // nothing more than expected arrives
            reader.poll(Duration.ofMillis(500)).forEach(found::add);
        }
        return found;
    }
}
