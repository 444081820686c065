package com.servicedesk.platform.consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.servicedesk.embedded.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Redelivery and reordering against a real Mongo-wire server. */
class IdempotentConsumerTest {
    private final MongoClient client = MongoClients.create(TestInfrastructure.get().mongo().uri());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IdempotentConsumer consumer = new IdempotentConsumer(
            new AppliedSequences(client.getDatabase("idempotence_" + UUID.randomUUID().toString().replace("-", ""))), meters);
    private final List<String> effects = new ArrayList<>();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theSameRecordDeliveredTwiceHasOneEffect() {
        PublishedEvent event = event("a-1", 0, "e1");

        assertThat(consumer.apply("projection", event, e -> effects.add(e.id()))).isTrue();
        assertThat(consumer.apply("projection", event, e -> effects.add(e.id()))).isFalse();

        assertThat(effects).containsExactly("e1");
        assertThat(meters.counter("servicedesk.consumer.ignored", "consumer", "projection").count()).isEqualTo(1.0);
    }

    @Test
    void anOlderSequenceAfterANewerOneIsIgnored() {
        consumer.apply("projection", event("a-2", 0, "e0"), e -> effects.add(e.id()));
        consumer.apply("projection", event("a-2", 2, "e2"), e -> effects.add(e.id()));
        consumer.apply("projection", event("a-2", 1, "e1"), e -> effects.add(e.id()));
        consumer.apply("projection", event("a-2", 3, "e3"), e -> effects.add(e.id()));

        assertThat(effects).containsExactly("e0", "e2", "e3");
    }

    @Test
    void positionsAreKeptPerConsumerAndPerAggregate() {
        consumer.apply("projection", event("a-3", 5, "x"), e -> effects.add("p:" + e.aggregateId()));
        consumer.apply("other", event("a-3", 5, "x"), e -> effects.add("o:" + e.aggregateId()));
        consumer.apply("projection", event("a-4", 0, "y"), e -> effects.add("p:" + e.aggregateId()));

        assertThat(effects).containsExactly("p:a-3", "o:a-3", "p:a-4");
    }

    @Test
    void aFailedEffectIsNotRecordedSoTheRedeliveryAppliesIt() {
        PublishedEvent event = event("a-5", 0, "e1");
        try {
            consumer.apply("projection", event, e -> {
                throw new IllegalStateException("read model unavailable");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("read model unavailable");
        }
        assertThat(consumer.apply("projection", event, e -> effects.add(e.id()))).isTrue();
        assertThat(effects).containsExactly("e1");
    }

    private static PublishedEvent event(String aggregateId, long sequence, String id) {
        return new PublishedEvent(id, "ComplaintRegistered", aggregateId, sequence, Instant.now(), "u", aggregateId, id, null);
    }
}
