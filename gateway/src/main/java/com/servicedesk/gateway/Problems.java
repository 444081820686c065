package com.servicedesk.gateway;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 answers from the gateway itself, in the services' shape. */
final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String title, String detail, String path) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(body(status, title, detail, path));
        return response.writeWith(Mono.just(body));
    }

    static byte[] body(HttpStatus status, String title, String detail, String path) {
        // the members themselves: a ProblemDetail through a plain mapper would also show its "properties": null, and
        // the path stays a string, since a path the firewall refused need not be a valid URI
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://servicedesk.example/problems/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", path);
        return JSON.writeValueAsBytes(problem);
    }
}
