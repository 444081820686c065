package com.servicedesk.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one JSON form of stored and published events: ISO-8601 instants and dates, unknown properties ignored (an older
 * reader survives a newer field). Jackson 2 and its own mapper, so that the web layer's settings can never change
 * what is stored.
 */
public final class AxonJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private AxonJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(MAPPER).lenientDeserialization().build();
    }
}
