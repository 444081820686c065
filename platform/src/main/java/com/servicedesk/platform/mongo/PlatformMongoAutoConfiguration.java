package com.servicedesk.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The service's read-model database, and its health by {@code ping}. */
@AutoConfiguration(
        afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
public class PlatformMongoAutoConfiguration {

    @Bean
    public MongoDatabase readModelDatabase(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /**
     * Replaces Boot's indicator (same bean name), which asks {@code hello}: real MongoDB answers it, the Mongo-wire
     * store of the local stack does not. {@code ping} is answered by both.
     */
    @Bean
    public HealthIndicator mongoHealthIndicator(MongoDatabase readModelDatabase) {
        return new AbstractHealthIndicator("MongoDB ping failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                readModelDatabase.runCommand(new Document("ping", 1));
                builder.up().withDetail("database", readModelDatabase.getName());
            }
        };
    }
}
