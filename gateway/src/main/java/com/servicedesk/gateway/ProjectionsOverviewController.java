package com.servicedesk.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/admin/projections} for the whole system: each service lists its own projections (and decides
 * who may see them), the gateway puts the lists together. A service that does not answer is named under
 * {@code unavailable} instead of failing the whole answer; a refusal (401/403) is passed on as it came.
 * {@code /admin/projections/{name}...} is routed to the service whose name prefixes the projection's.
 */
@RestController
public class ProjectionsOverviewController {
    static final String PATH = "/api/v1/admin/projections";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, URI> services;
    private final WebClient client = WebClient.create();

    public ProjectionsOverviewController(ServicesProperties properties) {
        this.services = new TreeMap<>(properties.services());
    }

    @GetMapping(path = PATH)
    public Mono<Void> projections(ServerHttpRequest request, ServerHttpResponse response) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return Flux.fromIterable(services.entrySet())
                .flatMapSequential(service -> ask(service.getKey(), service.getValue(), authorization))
                .collectList()
                .flatMap(answers -> write(answers, response));
    }

    private Mono<Answer> ask(String service, URI base, String authorization) {
        return client.get().uri(base.resolve(PATH))
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchangeToMono(answer -> answer.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(service, answer.statusCode().value(), body, null)))
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(new Answer(service, 0, null, e.getClass().getSimpleName())));
    }

    private Mono<Void> write(List<Answer> answers, ServerHttpResponse response) {
        for (Answer answer : answers) {
            if (answer.status() == 401 || answer.status() == 403) {
                response.setStatusCode(HttpStatus.valueOf(answer.status()));
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body().getBytes())));
            }
        }
        ObjectNode overview = JSON.createObjectNode();
        ArrayNode projections = overview.putArray("projections");
        ArrayNode unavailable = overview.putArray("unavailable");
        for (Answer answer : answers) {
            if (answer.status() == 200) {
                JSON.readTree(answer.body()).get("projections").forEach(projections::add);
            } else {
                ObjectNode missing = unavailable.addObject().put("service", answer.service());
                missing.put("reason", answer.error() != null ? answer.error() : "HTTP " + answer.status());
            }
        }
        overview.put("totalLag", projections.valueStream().mapToLong(p -> p.path("lag").asLong()).sum());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(overview))));
    }

    private record Answer(String service, int status, String body, String error) {
    }
}
