package com.servicedesk.platform.relay;

import com.servicedesk.embedded.EmbeddedKafkaBroker;
import com.servicedesk.embedded.FreePorts;
import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.platform.PlatformTestApplication;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.testing.ServiceTestProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay publishes what is stored, as CloudEvents in binary mode keyed by aggregate id, and keeps its promise when
 * the broker goes away: the event stored meanwhile arrives late, once. The test owns its broker so it can stop it.
 */
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "spring.application.name=relay-test", "servicedesk.relay.topic=" + Topics.COMPLAINT})
class KafkaEventRelayTest {
    private static final EmbeddedKafkaBroker BROKER = startBroker();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "relay");
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @Autowired
    EventStore eventStore;

    @Test
    void storedEventReachesKafkaWithCloudEventHeadersAndSurvivesABrokerOutage() throws Exception {
        String first = UUID.randomUUID().toString();
        store(first, 0, "agent-ann");
        String second = UUID.randomUUID().toString();

        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = pollUntil(consumer, 1, Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> record = records.get(0);
            assertThat(record.key()).isEqualTo(first);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo("ComplaintRegistered");
            assertThat(header(record, "ce_subject")).isEqualTo(first);
            assertThat(header(record, "ce_source")).isEqualTo("/servicedesk/relay-test");
            assertThat(header(record, "ce_sequence")).isEqualTo("0");
            assertThat(header(record, "ce_actor")).isEqualTo("agent-ann");
            assertThat(header(record, "ce_correlationid")).isEqualTo(first);
            assertThat(header(record, "content-type")).isEqualTo("application/json");

            PublishedEvent decoded = CloudEventCodec.decode(record).orElseThrow();
            assertThat(decoded.aggregateId()).isEqualTo(first);
            assertThat(decoded.sequence()).isZero();
            assertThat(((ComplaintRegisteredEvent) decoded.payload()).customerId()).isEqualTo("CUST-1");

            BROKER.stop();
            store(second, 0, "agent-bob");
            Thread.sleep(3_000); // the relay is failing against the stopped broker meanwhile
            BROKER.start();
        }
        // what the topic holds, read from the start by a new consumer: each relay position exactly once
        try (KafkaConsumer<String, byte[]> fresh = consumer()) {
            List<ConsumerRecord<String, byte[]>> all = pollUntil(fresh, 2, Duration.ofSeconds(60));
            all.addAll(pollFor(fresh, Duration.ofSeconds(3)));
            assertThat(all).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(first, second);
        }
    }

    private void store(String complaintId, long sequence, String actor) {
        ComplaintRegisteredEvent event = new ComplaintRegisteredEvent(complaintId, "CUST-1", "Acme",
                new Contact("Li", "123", null), Channel.PHONE, "HX-1", null, LocalDate.of(2025, 1, 1),
                ComplaintCategory.SERVICE, Severity.LOW, Region.IN_PROVINCE, "noise", Instant.now(), null,
                Instant.now().plusSeconds(86_400), Instant.now().plusSeconds(172_800));
        eventStore.publish(new GenericDomainEventMessage<>("Complaint", complaintId, sequence, event,
                MetaData.with(AuditMetadata.ACTOR, actor).and(AuditMetadata.CORRELATION_ID, complaintId)));
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.COMPLAINT));
        return consumer;
    }

    private static List<ConsumerRecord<String, byte[]>> pollUntil(KafkaConsumer<String, byte[]> consumer, int count, Duration limit) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).as("records within " + limit).hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    private static List<ConsumerRecord<String, byte[]>> pollFor(KafkaConsumer<String, byte[]> consumer, Duration time) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static EmbeddedKafkaBroker startBroker() {
        try {
            return EmbeddedKafkaBroker.start(Files.createTempDirectory("relay-kafka"), FreePorts.find(), FreePorts.find());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
