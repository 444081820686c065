package com.servicedesk.satisfaction.config;

import com.servicedesk.satisfaction.command.ScoringPolicy;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The configuration the service ships in its application.yml, bound as Spring binds it, for tests without Spring. */
public final class ShippedConfiguration {
    private ShippedConfiguration() {
    }

    public static <T> T bind(String prefix, Class<T> type) {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment).bindOrCreate(prefix, type);
    }

    public static ScoringPolicy scoringPolicy() {
        return new SatisfactionConfiguration().scoringPolicy(bind("servicedesk.survey", SurveyProperties.class),
                bind("servicedesk.scorecard", ScorecardProperties.class), bind("servicedesk.calendar", CalendarProperties.class));
    }
}
