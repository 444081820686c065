package com.servicedesk.gateway;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The gateway is UP only when every service behind it is: the local stack waits for this one signal. */
@Component("services")
public class ServicesHealthIndicator implements ReactiveHealthIndicator {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, URI> services;
    private final WebClient client;

    public ServicesHealthIndicator(ServicesProperties properties) {
        this.services = properties.services();
        this.client = WebClient.create();
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> status(service.getValue()).map(status -> Map.entry(service.getKey(), status)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(statuses -> (statuses.values().stream().allMatch("UP"::equals) ? Health.up() : Health.down())
                        .withDetails(statuses).build());
    }

    private Mono<String> status(URI service) {
        return client.get().uri(service.resolve("/actuator/health"))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? Mono.just("UP") : Mono.just("DOWN (" + response.statusCode().value() + ")"))
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just("DOWN (" + e.getClass().getSimpleName() + ")"));
    }
}
