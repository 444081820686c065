package com.servicedesk.platform.projection;

import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintReopenedEvent;
import com.servicedesk.platform.consumer.PublishedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRouterTest {
    private final List<String> handled = new ArrayList<>();
    private final EventRouter<List<String>> router = EventRouter.<List<String>>create()
            .on(ComplaintAcknowledgedEvent.class, (log, e, event) -> log.add("acknowledged " + e.note()))
            .on(ComplaintClosedEvent.class, (log, e, event) -> log.add("closed " + e.resolutionSummary()));

    @Test
    void theHandledTypesAreExactlyTheRoutedOnesInOrder() {
        assertThat(router.handledTypes()).containsExactly(ComplaintAcknowledgedEvent.class, ComplaintClosedEvent.class);
        assertThat(router.routes(event(new ComplaintReopenedEvent("c", "why")))).isFalse();
        assertThat(router.routes(event(new ComplaintClosedEvent("c", "done")))).isTrue();
    }

    @Test
    void eachEventReachesTheHandlerOfItsTypeWithItsFields() {
        router.route(handled, event(new ComplaintClosedEvent("c", "done")));
        router.route(handled, event(new ComplaintAcknowledgedEvent("c", "seen")));

        assertThat(handled).containsExactly("closed done", "acknowledged seen");
    }

    @Test
    void anUnroutedTypeIsRefusedNotSilentlyDropped() {
        assertThatThrownBy(() -> router.route(handled, event(new ComplaintReopenedEvent("c", "why"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ComplaintReopened");
        assertThat(handled).isEmpty();
    }

    @Test
    void aTypeRoutedTwiceIsAMistakeFoundAtOnce() {
        assertThatThrownBy(() -> router.on(ComplaintClosedEvent.class, (log, e, event) -> log.add("again")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRestOfATopicCanShareOneHandlerWithoutReplacingSpecificOnes() {
        router.onAnyOther(List.of(ComplaintClosedEvent.class, ComplaintReopenedEvent.class), (log, e, event) -> log.add("other " + event.type()));

        router.route(handled, event(new ComplaintClosedEvent("c", "done")));
        router.route(handled, event(new ComplaintReopenedEvent("c", "why")));

        assertThat(handled).containsExactly("closed done", "other ComplaintReopened");
    }

    private static PublishedEvent event(Object payload) {
        String type = payload.getClass().getSimpleName().replace("Event", "");
        return new PublishedEvent("id", type, "c", 0, Instant.now(), "u", "c", null, payload);
    }
}
