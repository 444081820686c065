package com.servicedesk.platform.axon;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Axon's repository logs every command it could not load or create an aggregate for at WARN with the whole stack
 * trace: an unknown id (404) or a registration the aggregate refused (400). Those are answers to the caller, not
 * faults, and anyone could fill the disk (and burn CPU) with them; at ERROR they are left out. A default only: a
 * service's configuration still sets the level. An environment post-processor because logging levels are read
 * before {@code @PropertySource} defaults are.
 */
public class AxonLoggingDefaults implements EnvironmentPostProcessor {
    static final String REPOSITORY_LOGGER = "logging.level.org.axonframework.modelling.command.AbstractRepository";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("servicedesk-axon-logging-defaults",
                Map.of(REPOSITORY_LOGGER, "ERROR")));
    }
}
