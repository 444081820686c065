package com.servicedesk.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/** What the bench asks of the running system, all through the gateway as a front end would (HTTP/1.1, JSON). */
final class BenchClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHANNELS = List.of("PHONE", "FAX", "LETTER", "VISIT", "EMAIL", "WEB");
    private static final List<String> CATEGORIES = List.of("PRODUCT_QUALITY", "DELIVERY", "SERVICE", "DOCUMENTATION", "OTHER");
    private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "EMERGENCY");
    private static final List<String> REGIONS = List.of("IN_PROVINCE", "OUT_OF_PROVINCE");

    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "bench-http");
                thread.setDaemon(true);
                return thread;
            }))
            .build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    BenchClient(String gateway) {
        this.gateway = gateway;
    }

    String token(String role) {
        return tokens.computeIfAbsent(role, r -> {
            try {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/dev/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"bench\",\"roles\":[\"" + r + "\"]}")));
                require(answer, 200);
                return JSON.readTree(answer.body()).get("token").asText();
            } catch (IOException e) {
                throw new IllegalStateException("no token for " + r + ": " + e.getMessage(), e);
            }
        });
    }

    /** A complaint as a call centre would register it; customers, channels and categories vary with {@code n}. */
    static String complaint(long n) {
        return String.format("""
                {"customerId":"BENCH-%d","customerName":"Bench customer %d","contact":{"name":"Li Wei","email":"li%d@example.com"},
                 "channel":"%s","productModel":"P-%d","category":"%s","severity":"%s","region":"%s",
                 "description":"Pump %d leaks at the flange after the first start"}""",
                n % 500, n % 500, n % 500, CHANNELS.get((int) (n % CHANNELS.size())), 10 + n % 7,
                CATEGORIES.get((int) (n / 3 % CATEGORIES.size())), SEVERITIES.get((int) (n / 7 % SEVERITIES.size())),
                REGIONS.get((int) (n / 11 % REGIONS.size())), n);
    }

    /** Set while the bench wants to know where each registration's time went. */
    private volatile RegistrationPhases phases;

    void timePhases(RegistrationPhases phases) {
        this.phases = phases;
    }

    /** @return whether the gateway answered 201 */
    boolean registerComplaint(long n) throws IOException {
        long start = System.nanoTime();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/complaints"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token("AGENT"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(complaint(n))));
        if (answer.statusCode() != 201) {
            throw new IOException("registration answered " + answer.statusCode() + ": " + abbreviate(answer.body()));
        }
        RegistrationPhases timing = phases;
        if (timing != null) {
            timing.add((System.nanoTime() - start) / 1e6, answer.headers());
        }
        return true;
    }

    JsonNode getJson(String path, String role) throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token(role)).header("Accept", "application/json").GET());
        require(answer, 200);
        return JSON.readTree(answer.body());
    }

    JsonNode postJson(String path, String role, int expected) throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token(role)).POST(HttpRequest.BodyPublishers.noBody()));
        require(answer, expected);
        return JSON.readTree(answer.body());
    }

    /** @return the answer's size in bytes; throws unless 200 with the asked type */
    long download(String path, String role, String accept) throws IOException {
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .header("Authorization", "Bearer " + token(role)).header("Accept", accept)
                    .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (answer.statusCode() != 200 || !type.startsWith(accept)) {
            throw new IOException(path + " answered " + answer.statusCode() + " " + type);
        }
        return answer.body().length;
    }

    /** A service's own metrics page (read directly at its port, as Prometheus does). */
    String metrics(String serviceUrl) throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token("ADMIN")).GET());
        require(answer, 200);
        return answer.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void require(HttpResponse<String> answer, int status) throws IOException {
        if (answer.statusCode() != status) {
            throw new IOException(answer.request().method() + " " + answer.uri().getPath() + " answered "
                    + answer.statusCode() + ": " + abbreviate(answer.body()));
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
