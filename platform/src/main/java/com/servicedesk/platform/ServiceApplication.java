package com.servicedesk.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a servicedesk service: the same way for all of them. */
public final class ServiceApplication {
    private ServiceApplication() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String... args) {
        // Axon must never phone home (shared/STACK.md); the environment variable is set by the local stack and CI too
        System.setProperty("axoniq.update-checker.disabled", "true");
        return SpringApplication.run(application, args);
    }
}
