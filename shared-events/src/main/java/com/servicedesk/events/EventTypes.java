package com.servicedesk.events;

import com.servicedesk.events.fieldservice.FieldServiceEvents;
import com.servicedesk.events.intake.IntakeEvents;
import com.servicedesk.events.quality.QualityEvents;
import com.servicedesk.events.satisfaction.SatisfactionEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CloudEvents {@code type} of every published event and the record it maps to.
 * The type is the record's name without the {@code Event} suffix ({@code ComplaintRegistered}); a consumer that meets
 * a type it does not know ignores it, so publishing a new event never breaks an older consumer.
 */
public final class EventTypes {
    private static final String SUFFIX = "Event";

    private static final List<Class<?>> PUBLISHED = Stream.of(IntakeEvents.PUBLISHED, FieldServiceEvents.PUBLISHED,
            QualityEvents.PUBLISHED, SatisfactionEvents.PUBLISHED).flatMap(List::stream).toList();

    private static final Map<String, Class<?>> BY_TYPE = PUBLISHED.stream()
            .collect(Collectors.toUnmodifiableMap(EventTypes::typeOf, Function.identity()));

    private EventTypes() {
    }

    public static String typeOf(Class<?> eventClass) {
        String name = eventClass.getSimpleName();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    public static Optional<Class<?>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static List<Class<?>> published() {
        return PUBLISHED;
    }
}
