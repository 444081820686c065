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
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redelivery, reordering and partial failure of batches, against a real Mongo-wire server. */
class IdempotentConsumerTest {
    private final MongoClient client = MongoClients.create(TestInfrastructure.get().mongo().uri());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AppliedSequences applied =
            new AppliedSequences(client.getDatabase("idempotence_" + UUID.randomUUID().toString().replace("-", "")));
    private final IdempotentConsumer consumer = new IdempotentConsumer(applied, meters);
    private final List<String> effects = new ArrayList<>();
    private final EventBatchHandler recording = handler(events -> events.forEach(e -> effects.add(e.id())));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        PublishedEvent event = event("a-1", 0, "e1");

        assertThat(consumer.apply("projection", List.of(event), recording)).isEqualTo(1);
        assertThat(consumer.apply("projection", List.of(event), recording)).isZero();

        assertThat(effects).containsExactly("e1");
        assertThat(meters.counter("servicedesk.consumer.ignored", "consumer", "projection").count()).isEqualTo(1.0);
    }

    @Test
    void withinOneBatchAnOlderOrRepeatedSequenceIsLeftOut() {
        consumer.apply("projection", List.of(event("a-2", 0, "e0"), event("a-2", 2, "e2"), event("a-2", 1, "e1"),
                event("a-2", 2, "e2 again"), event("a-2", 3, "e3")), recording);

        assertThat(effects).containsExactly("e0", "e2", "e3");
        assertThat(applied.lastApplied("projection", List.of("a-2"))).containsEntry("a-2", 3L);
    }

    @Test
    void aRedeliveredPrefixIsLeftOutAndTheRestApplied() {
        consumer.apply("projection", List.of(event("a-3", 0, "x0"), event("b-3", 0, "y0")), recording);
        consumer.apply("projection", List.of(event("a-3", 0, "x0"), event("b-3", 0, "y0"), event("a-3", 1, "x1"),
                event("b-3", 1, "y1")), recording);

        assertThat(effects).containsExactly("x0", "y0", "x1", "y1");
    }

    @Test
    void positionsAreKeptPerConsumerAndPerAggregate() {
        consumer.apply("projection", List.of(event("a-4", 5, "x"), event("a-5", 0, "y")), recording);
        consumer.apply("other", List.of(event("a-4", 5, "x")), recording);

        assertThat(effects).containsExactly("x", "y", "x");
        assertThat(applied.lastApplied("projection", List.of("a-4", "a-5", "a-6"))).containsOnlyKeys("a-4", "a-5");
        assertThat(applied.lastApplied("other", List.of("a-4", "a-5"))).containsOnlyKeys("a-4");
    }

    @Test
    void aFailedBatchIsNotRecordedSoTheRedeliveryAppliesIt() {
        PublishedEvent event = event("a-7", 0, "e1");
        assertThatThrownBy(() -> consumer.apply("projection", List.of(event), handler(events -> {
            throw new IllegalStateException("read model unavailable");
        }))).hasMessage("read model unavailable");

        assertThat(consumer.apply("projection", List.of(event), recording)).isEqualTo(1);
        assertThat(effects).containsExactly("e1");
    }

    @Test
    void anEventThatFailsAfterOthersTookEffectRecordsOnlyThoseBeforeIt() {
        List<PublishedEvent> batch = List.of(event("a-8", 0, "ok 0"), event("a-8", 0, "repeated"), event("b-8", 0, "fails"),
                event("a-8", 1, "never reached"));
        EventBatchHandler failingAtThird = handler(events -> {
            effects.add(events.get(0).id());
            throw new EventFailedException(1, new IllegalStateException("no such complaint"));
        });

        assertThatThrownBy(() -> consumer.apply("handler", batch, failingAtThird))
                .isInstanceOfSatisfying(EventFailedException.class, e -> assertThat(e.index()).isEqualTo(2));

        assertThat(applied.lastApplied("handler", List.of("a-8", "b-8"))).containsOnlyKeys("a-8").containsEntry("a-8", 0L);
    }

    private static EventBatchHandler handler(java.util.function.Consumer<List<PublishedEvent>> effect) {
        return new EventBatchHandler() {
            @Override
            public Set<Class<?>> handledTypes() {
                return Set.of(String.class);
            }

            @Override
            public void handle(List<PublishedEvent> events) {
                effect.accept(events);
            }
        };
    }

    private static PublishedEvent event(String aggregateId, long sequence, String id) {
        return new PublishedEvent(id, "Thing", aggregateId, sequence, Instant.now(), "u", aggregateId, id, "payload");
    }
}
