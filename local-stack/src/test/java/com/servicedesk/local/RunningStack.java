package com.servicedesk.local;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One local stack for every end-to-end test class of the run (starting it takes most of a minute): started by the
 * first class that asks, closed when the test JVM exits. Plus the HTTP helpers the classes share.
 */
final class RunningStack {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dataDir;
    private static LocalStack stack;

    private RunningStack() {
    }

    static synchronized LocalStack stack() throws Exception {
        if (stack == null) {
            dataDir = Files.createTempDirectory("servicedesk-e2e-");
            stack = new LocalStack(settings(), new PrintStream(System.out));
            Runtime.getRuntime().addShutdownHook(new Thread(RunningStack::close, "local-stack-close"));
            stack.start();
        }
        return stack;
    }

    /** Stops every process and starts the stack again on the same data directory. */
    static synchronized void restart() throws Exception {
        stack().close();
        stack = new LocalStack(settings(), new PrintStream(System.out));
        stack.start();
    }

    static String gatewayUrl() throws Exception {
        return stack().gatewayUrl();
    }

    private static synchronized void close() {
        if (stack != null) {
            stack.close();
        }
    }

    private static LocalStackSettings settings() {
        // one block for everything: separate picks could overlap, since nothing is bound until the stack starts
        int base = freePortRange(10);
        return LocalStackSettings.parse(
                "--servicedesk.data-dir=" + dataDir,
                "--servicedesk.local.port=" + base,
                "--servicedesk.local.postgres-port=" + (base + 6),
                "--servicedesk.local.kafka-port=" + (base + 7),
                "--servicedesk.local.kafka-controller-port=" + (base + 8),
                "--servicedesk.local.mongo-port=" + (base + 9));
    }

    static String token(String user, String role) throws Exception {
        HttpResponse<String> response = post("/api/v1/dev/tokens", null, "{\"user\":\"" + user + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return field(response.body(), "token");
    }

    static void awaitBody(String path, String token, String expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> response;
        do {
            response = get(path, token);
            if (response.statusCode() == 200 && response.body().contains(expected)) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not show " + expected + " within " + within + ": " + response.body());
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningStack.gatewayUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningStack.gatewayUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + response.statusCode()).doesNotContain("Exception");
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    /**
     * The first of {@code count} consecutive ports all free now. Drawn below 32768, where Linux starts its ephemeral
     * ports: the stack's own outgoing connections, made while it starts, would otherwise take a port picked here
     * before the service meant to listen on it binds it (seen: "Port 35418 was already in use" on restart).
     */
    static int freePortRange(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(true);
                } catch (Exception e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
