package com.servicedesk.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.Region;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Every revision of every published event must keep reading from its stored JSON form. */
class EventFixturesTest {
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void complaintRegisteredRevision1ReadsFromItsFixture() throws Exception {
        ComplaintRegisteredEvent event = read("ComplaintRegistered.v1.json", ComplaintRegisteredEvent.class);

        assertThat(event.complaintId()).isEqualTo("c-0001");
        assertThat(event.contact().email()).isEqualTo("li.wei@example.com");
        assertThat(event.channel()).isEqualTo(Channel.PHONE);
        assertThat(event.region()).isEqualTo(Region.OUT_OF_PROVINCE);
        assertThat(event.deliveryDate()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(event.receivedAt()).isEqualTo(Instant.parse("2026-11-20T07:00:00Z"));
        assertThat(event.replyDueAt()).isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
    }

    @Test
    void everyPublishedEventCarriesARevisionAndAUniqueType() {
        assertThat(EventTypes.published()).allSatisfy(type -> {
            assertThat(type.getAnnotation(Revision.class)).as(type.getSimpleName()).isNotNull();
            assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
            assertThat(EventTypes.classOf(EventTypes.typeOf(type))).contains(type);
        });
        assertThat(EventTypes.typeOf(ComplaintRegisteredEvent.class)).isEqualTo("ComplaintRegistered");
        assertThat(EventTypes.classOf("NoSuchThing")).isEmpty();
    }

    private <T> T read(String fixture, Class<T> type) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return json.readValue(in, type);
        }
    }
}
