package com.servicedesk.local;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.servicedesk.local.RunningStack.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services do not trust the network: called directly on their own ports, bypassing the gateway, each one wants a
 * valid JWT of its own checking (signed with the shared key, not expired, well formed) and answers 401 problem+json
 * otherwise; a valid token works directly, and the service enforces roles itself. The gateway is held to the same.
 */
@Order(Order.DEFAULT + 5)
class ServiceDirectAccessEndToEndTest {

    /**
     * One request: {@code role} null means any role may make it; {@code body} null means none; {@code status} is the
     * answer to a valid token (a 404 for an unknown id is past authentication and authorization too).
     */
    record Call(String method, String path, String role, String body, int status) {
    }

    /** A service (or the gateway) and requests it serves. */
    record Target(String name, List<Call> calls) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("intake-service", List.of(new Call("GET", "/api/v1/complaints", null, null, 200),
                    new Call("POST", "/api/v1/complaints", "AGENT", LocalStackEndToEndTest.COMPLAINT, 201))),
            new Target("fieldservice-service", List.of(new Call("GET", "/api/v1/dispatch-queue", null, null, 200),
                    new Call("POST", "/api/v1/service-orders/00000000-0000-0000-0000-000000000001/dispatch", "DISPATCHER", "{\"taskBrief\":\"x\"}", 404))),
            new Target("quality-service", List.of(new Call("GET", "/api/v1/capas", null, null, 200),
                    new Call("POST", "/api/v1/capas", "QUALITY", "{\"problemStatement\":\"direct\",\"source\":\"INTERNAL\"}", 201))),
            new Target("satisfaction-service", List.of(new Call("GET", "/api/v1/survey-items", null, null, 200),
                    new Call("POST", "/api/v1/surveys", "AGENT", ApiRolesEndToEndTest.survey("CUST-DIRECT"), 201))),
            new Target("reporting-service", List.of(new Call("GET", "/api/v1/dashboard/sla", "ANALYST", null, 200))),
            new Target(LocalStack.GATEWAY, List.of(new Call("GET", "/api/v1/survey-items", null, null, 200),
                    new Call("POST", "/api/v1/capas", "QUALITY", "{\"problemStatement\":\"via the gateway\",\"source\":\"INTERNAL\"}", 201))));

    /** Refused by the container or the firewall before any controller: encoded slash, NUL, percent, not UTF-8, ... */
    static final List<String> MALFORMED_SEGMENTS = List.of("a%2Fb", "%00", "a;b=c", "%2e%2e", "..", "%25", "%FF%FE", "%C3%28",
            "%5C", "%0d%0a");

    @TestFactory
    Stream<DynamicNode> everyServiceRefusesRequestsWithoutAValidToken() throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(stack().settings().dataDir().resolve("secrets").resolve("jwt-secret")).trim());
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        long now = Instant.now().getEpochSecond();
        String valid = jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("AUDITOR", now - 60, now + 600, null));

        // header value after "Authorization: " (null: no header)
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no token", null);
        refused.put("signed with another key", "Bearer " + jwt(otherKey, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("ADMIN", now - 60, now + 600, null)));
        refused.put("expired an hour ago", "Bearer " + jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("ADMIN", now - 7200, now - 3600, null)));
        refused.put("never expires (no exp)", "Bearer " + jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("ADMIN", now - 60, null, null)));
        refused.put("not valid before an hour from now", "Bearer " + jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("ADMIN", now, now + 7200, now + 3600)));
        refused.put("unsigned (alg none)", "Bearer " + base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims("ADMIN", now - 60, now + 600, null)) + ".");
        refused.put("signature cut off", "Bearer " + valid.substring(0, valid.lastIndexOf('.') + 1));
        String other = jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("ADMIN", now - 60, now + 600, null));
        refused.put("claims of one token, signature of another", "Bearer " + valid.substring(0, valid.lastIndexOf('.'))
                + other.substring(other.lastIndexOf('.')));
        refused.put("malformed: not a JWT", "Bearer not-a-jwt");
        refused.put("malformed: three garbage parts", "Bearer a.b.c");
        refused.put("malformed: header not JSON", "Bearer " + base64("alg=HS256") + "." + base64("{}") + ".c2ln");
        refused.put("malformed: empty bearer", "Bearer ");
        refused.put("basic instead of bearer", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));

        List<DynamicNode> nodes = new ArrayList<>();
        for (Target target : TARGETS) {
            String base = baseUrl(target.name());
            List<DynamicTest> tests = new ArrayList<>();
            refused.forEach((what, authorization) -> tests.add(DynamicTest.dynamicTest(what + " → 401", () -> {
                for (Call call : target.calls()) {
                    ProblemAnswers.assertProblem(send(base, call, authorization), 401);
                }
            })));
            tests.add(DynamicTest.dynamicTest("a valid token works directly", () -> {
                for (Call call : target.calls()) {
                    String token = jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                            claims(call.role() == null ? "TECHNICIAN" : call.role(), now - 60, now + 600, null));
                    HttpResponse<String> response = send(base, call, "Bearer " + token);
                    assertThat(response.statusCode()).as("%s %s: %s", call.method(), call.path(), response.body()).isEqualTo(call.status());
                }
            }));
            tests.add(DynamicTest.dynamicTest("a valid token of another role → 403", () -> {
                List<Call> restricted = target.calls().stream().filter(call -> call.role() != null).toList();
                assertThat(restricted).as("role-restricted calls of " + target.name()).isNotEmpty();
                for (Call call : restricted) {
                    ProblemAnswers.assertProblem(send(base, call, "Bearer " + valid), 403);
                    if (call.body() != null) { // the role is checked before the body is read
                        Call malformed = new Call(call.method(), call.path(), call.role(), "{\"broken\":", 403);
                        ProblemAnswers.assertProblem(send(base, malformed, "Bearer " + valid), 403);
                    }
                }
            }));
            tests.add(DynamicTest.dynamicTest("a malformed URL → 4xx problem", () -> {
                Call call = target.calls().get(0);
                String token = "Bearer " + jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("ADMIN", now - 60, now + 600, null));
                for (String segment : MALFORMED_SEGMENTS) {
                    Call malformed = new Call(call.method(), call.path() + "/" + segment + "/x", call.role(), call.body(), 400);
                    HttpResponse<String> response = send(base, malformed, token);
                    assertThat(response.statusCode()).as("%s: %s", malformed.path(), response.body()).isBetween(400, 499);
                    assertThat(ProblemAnswers.defect(response)).as("%s: %s", malformed.path(), response.body()).isNull();
                }
            }));
            nodes.add(DynamicContainer.dynamicContainer(target.name() + " at " + base, tests));
        }
        return nodes.stream();
    }

    /**
     * A refused request leaves its keep-alive connection usable: refusals without and with a bad token, GETs and POSTs
     * with bodies the gateway never reads, in turn on one connection, each answered at once. (Reactor Netty 1.3.7 lost
     * the connection's next read about once in a few hundred of these, and the request hung until its timeout.)
     */
    @Test
    void refusedRequestsLeaveTheConnectionUsable() throws Exception {
        HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String body = "{\"problemStatement\":\"refused\",\"source\":\"INTERNAL\"}";
        List<String> authorizations = Arrays.asList(null, "Bearer a.b.c", "Bearer not-a-jwt", "Bearer ");
        for (int round = 0; round < 120; round++) {
            for (String authorization : authorizations) {
                for (boolean post : new boolean[]{false, true}) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl() + (post ? "/api/v1/capas" : "/api/v1/survey-items")))
                            .timeout(Duration.ofSeconds(5));
                    if (post) {
                        request.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
                    }
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                    HttpResponse<String> response = oneConnection.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("round %d, %s, %s", round, authorization, post ? "POST" : "GET").isEqualTo(401);
                }
            }
        }
    }

    static String baseUrl(String name) throws Exception {
        if (name.equals(LocalStack.GATEWAY)) {
            return gatewayUrl();
        }
        return "http://127.0.0.1:" + stack().process(name).orElseThrow().port();
    }

    static HttpResponse<String> send(String base, Call call, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path())).timeout(Duration.ofSeconds(30));
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body())).header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String claims(String role, long issuedAt, Long expiresAt, Long notBefore) {
        return "{\"sub\":\"direct-" + role.toLowerCase() + "\",\"roles\":[\"" + role + "\"],\"iss\":\"servicedesk-local\",\"iat\":" + issuedAt
                + (expiresAt == null ? "" : ",\"exp\":" + expiresAt) + (notBefore == null ? "" : ",\"nbf\":" + notBefore) + "}";
    }

    /** An HS256 JWT made by hand, so that the test can sign with any key and any claims the dev endpoint would not give. */
    static String jwt(byte[] key, String header, String claims) throws Exception {
        String signed = base64(header) + "." + base64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
