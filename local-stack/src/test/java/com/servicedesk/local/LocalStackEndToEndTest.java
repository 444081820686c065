package com.servicedesk.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
 * The whole system as a user meets it: the local stack started as `java -jar` starts it (real PostgreSQL, Kafka,
 * Mongo-wire store, five service JVMs and the gateway), driven only over HTTP through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {
    static final String COMPLAINT = """
            {"customerId":"CUST-7","customerName":"Hangzhou Pumps","contact":{"name":"Wang Fang","email":"wang@example.com"},
             "channel":"EMAIL","productModel":"P-40","category":"DELIVERY","severity":"MEDIUM","region":"IN_PROVINCE",
             "description":"Pump delivered without its manual"}""";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Path dataDir;
    static LocalStack stack;
    static String complaintId;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("servicedesk-e2e-");
        stack = new LocalStack(settings(), new PrintStream(System.out));
        stack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void noTokenIs401Problem() throws Exception {
        HttpResponse<String> response = post("/api/v1/complaints", null, COMPLAINT);
        assertThat(response.statusCode()).isEqualTo(401);
        assertProblem(response);
    }

    @Test
    @Order(2)
    void wrongRoleIs403Problem() throws Exception {
        HttpResponse<String> response = post("/api/v1/complaints", token("tom", "TECHNICIAN"), COMPLAINT);
        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response);
    }

    @Test
    @Order(3)
    void missingFieldIs400ProblemNamingIt() throws Exception {
        HttpResponse<String> response = post("/api/v1/complaints", token("ann", "AGENT"),
                COMPLAINT.replace("\"productModel\":\"P-40\",", ""));
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response);
        assertThat(response.body()).contains("{\"field\":\"productModel\",\"message\":\"is required\"}");
    }

    @Test
    @Order(4)
    void malformedJsonIs400Problem() throws Exception {
        HttpResponse<String> response = post("/api/v1/complaints", token("ann", "AGENT"), "{\"customerId\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response);
    }

    @Test
    @Order(5)
    void registeredComplaintIsReadableAndCountedByReporting() throws Exception {
        HttpResponse<String> created = post("/api/v1/complaints", token("ann", "AGENT"), COMPLAINT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long createdAt = System.nanoTime();
        complaintId = field(created.body(), "complaintId");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/complaints/" + complaintId);

        String analyst = token("viv", "ANALYST");
        HttpResponse<String> read;
        do {
            read = get("/api/v1/complaints/" + complaintId, analyst);
        } while (read.statusCode() == 404 && System.nanoTime() - createdAt < Duration.ofSeconds(10).toNanos());
        // API.md's 1 s is a latency target, measured by the benchmark; here the cold first one only has to arrive
        System.out.printf("first complaint readable after %d ms%n", (System.nanoTime() - createdAt) / 1_000_000);
        assertThat(read.statusCode()).as("readable").isEqualTo(200);
        assertThat(read.body()).contains("\"customerName\":\"Hangzhou Pumps\"").contains("\"registeredBy\":\"ann\"")
                .contains("\"state\":\"ON_TRACK\"");

        awaitBody("/api/v1/dashboard/sla", analyst, "\"registered\":1,", Duration.ofSeconds(10));
    }

    /** Intake and field service talking over Kafka: the complaint cannot close while its order is open. */
    @Test
    @Order(6)
    void aComplaintClosesOnlyOnceItsServiceOrderIsCompleted() throws Exception {
        String agent = token("ann", "AGENT");
        String dispatcher = token("dora", "DISPATCHER");
        String technician = token("tom", "TECHNICIAN");
        String id = field(post("/api/v1/complaints", agent, COMPLAINT.replace("\"productModel\":\"P-40\"",
                "\"productModel\":\"P-40\",\"deliveryDate\":\"2026-06-01\"")).body(), "complaintId");
        assertThat(post("/api/v1/complaints/" + id + "/acknowledgement", agent, "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> requested = post("/api/v1/complaints/" + id + "/field-service-requests", agent, "{\"reason\":\"pump leaks\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);

        awaitBody("/api/v1/service-orders?complaintId=" + id, dispatcher, "\"totalElements\":1", Duration.ofSeconds(10));
        String order = field(get("/api/v1/service-orders?complaintId=" + id, dispatcher).body(), "serviceOrderId");
        awaitBody("/api/v1/dispatch-queue", dispatcher, order, Duration.ofSeconds(5));
        awaitBody("/api/v1/complaints/" + id, agent, "\"serviceOrderIds\":[\"" + order + "\"]", Duration.ofSeconds(10));

        assertThat(post("/api/v1/complaints/" + id + "/verification", token("quinn", "QUALITY"),
                "{\"companyResponsible\":true,\"confirmedCategory\":\"PRODUCT_QUALITY\",\"findings\":\"seal defect\"}").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/complaints/" + id + "/reply", agent, "{\"method\":\"PHONE\",\"message\":\"technician on the way\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post("/api/v1/complaints/" + id + "/closure", agent, "{\"resolutionSummary\":\"fixed\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("service order is still open");

        String path = "/api/v1/service-orders/" + order;
        assertThat(post(path + "/assignment", dispatcher, "{\"technicianId\":\"tom\",\"plannedVisitAt\":\"" + java.time.Instant.now() + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(post(path + "/dispatch", dispatcher, "{\"taskBrief\":\"replace the pump seal\"}").statusCode()).isEqualTo(200);
        assertThat(post(path + "/arrival", technician, "{\"arrivedAt\":\"" + java.time.Instant.now() + "\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> fault = post(path + "/fault-verification", technician,
                "{\"faultConfirmed\":true,\"description\":\"seal cracked\",\"cause\":\"PRODUCT_DEFECT\",\"witnessedBy\":\"Wang Fang\"}");
        assertThat(fault.body()).contains("\"billing\":\"IN_WARRANTY\"");
        // the arrival stopped intake's on-site clock in time
        awaitBody("/api/v1/complaints/" + id, agent, "\"arrivedAt\":", Duration.ofSeconds(10));
        assertThat(get("/api/v1/complaints/" + id, agent).body()).containsPattern("\"onSite\":\\{\"dueAt\":\"[^\"]+\",\"state\":\"MET\"");
        assertThat(post(path + "/completion", technician, "{\"workPerformed\":\"seal replaced\",\"result\":\"RESOLVED\"}")
                .statusCode()).isEqualTo(200);

        awaitBody("/api/v1/complaints/" + id, agent, "\"result\":\"RESOLVED\"", Duration.ofSeconds(10));
        HttpResponse<String> closed = post("/api/v1/complaints/" + id + "/closure", agent, "{\"resolutionSummary\":\"seal replaced\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void dataSurvivesARestartOfTheWholeStack() throws Exception {
        stack.close();
        stack = new LocalStack(settings(), new PrintStream(System.out));
        stack.start();

        String analyst = token("viv", "ANALYST");
        HttpResponse<String> read = get("/api/v1/complaints/" + complaintId, analyst);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(complaintId);
        // the restarted relay and consumers resume from their positions: still two complaints, not more
        awaitBody("/api/v1/dashboard/sla", analyst, "\"registered\":2,", Duration.ofSeconds(10));
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
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
