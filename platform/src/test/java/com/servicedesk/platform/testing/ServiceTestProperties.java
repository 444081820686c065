package com.servicedesk.platform.testing;

import com.servicedesk.embedded.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.Map;

/** Points a service under test at the JVM's real PostgreSQL, Kafka and Mongo-wire servers, each test class its own databases. */
public final class ServiceTestProperties {
    private ServiceTestProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, String service) {
        Map<String, String> properties = TestInfrastructure.get().springProperties(service);
        properties.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("servicedesk.security.jwt-secret", () -> TestTokens.SECRET);
    }
}
