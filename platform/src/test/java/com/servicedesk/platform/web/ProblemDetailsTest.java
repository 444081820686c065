package com.servicedesk.platform.web;

import com.servicedesk.platform.PlatformTestApplication;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error path of a platform service answers problem+json, over real HTTP, never a stack trace. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=problems-test", "servicedesk.relay.topic=servicedesk.intake.complaint.v1"})
class ProblemDetailsTest {
    private static final String AGENT = TestTokens.token("ann", "AGENT");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "problems");
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void createdWhenValid() {
        HttpResponse<String> response = http.postJson("/api/v1/things", AGENT, "{\"name\":\"pump\",\"colour\":\"RED\"}");
        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void missingTokenIs401() {
        assertProblem(http.postJson("/api/v1/things", null, "{}"), 401);
    }

    @Test
    void badSignatureIs401() {
        String forged = TestTokens.sign(java.util.Base64.getEncoder().encodeToString(new byte[32]), "eve",
                Instant.now().plusSeconds(60), "AGENT");
        assertProblem(http.postJson("/api/v1/things", forged, "{}"), 401);
    }

    @Test
    void expiredTokenIs401() {
        String expired = TestTokens.sign(TestTokens.SECRET, "ann", Instant.now().minusSeconds(3600), "AGENT");
        assertProblem(http.postJson("/api/v1/things", expired, "{}"), 401);
    }

    @Test
    void tokenWithoutExpiryIs401() {
        String forever = TestTokens.sign(TestTokens.SECRET, "ann", null, "AGENT");
        assertProblem(http.postJson("/api/v1/things", forever, "{\"name\":\"x\",\"colour\":\"RED\"}"), 401);
    }

    /** The role is checked before the body is read: a caller without it learns nothing about the body. */
    @Test
    void wrongRoleIs403WhateverTheBody() {
        String technician = TestTokens.token("tom", "TECHNICIAN");
        for (String body : new String[]{"{\"name\": \"a\",", "{\"name\":\"   \"}", "{\"name\":\"a\",\"colour\":\"BLUE\"}", ""}) {
            assertProblem(http.postJson("/api/v1/things", technician, body), 403);
        }
        // the check sees the role hierarchy, and a granted caller still gets the body's 400
        assertProblem(http.postJson("/api/v1/things", TestTokens.token("root", "ADMIN"), "{\"name\": \"a\","), 400);
    }

    /**
     * A streamed answer is exactly one answer on the wire: the role check must not run again on the ASYNC dispatch
     * that ends it and append a refusal after the body (the gateway then failed on what it took for headers).
     */
    @Test
    void aStreamedAnswerIsOneWellFormedAnswer() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/things/t-7/history HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.token("audrey", "AUDITOR") + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(raw).startsWith("HTTP/1.1 200").containsOnlyOnce("HTTP/1.1").contains("[\"t-7 opened\",\"t-7 closed\"]")
                    .endsWith("\r\n0\r\n\r\n").doesNotContain("Forbidden");
        }
        assertProblem(http.get("/api/v1/things/t-7/history", AGENT), 403);
    }

    @Test
    void wrongRoleIs403AndAdminHoldsEveryRole() {
        assertProblem(http.postJson("/api/v1/things", TestTokens.token("tom", "TECHNICIAN"), "{\"name\":\"x\",\"colour\":\"RED\"}"), 403);
        assertThat(http.postJson("/api/v1/things", TestTokens.token("root", "ADMIN"), "{\"name\":\"x\",\"colour\":\"RED\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void missingFieldsAre400NamingEachField() {
        HttpResponse<String> response = http.postJson("/api/v1/things", AGENT, "{\"name\":\"   \"}");
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"errors\"").contains("\"field\":\"name\"").contains("\"field\":\"colour\"");
    }

    @Test
    void wrongEnumValueOrDateIs400NamingTheField() {
        HttpResponse<String> colour = http.postJson("/api/v1/things", AGENT, "{\"name\":\"a\",\"colour\":\"BLUE\"}");
        assertProblem(colour, 400);
        assertThat(colour.body()).contains("\"field\":\"colour\"");

        HttpResponse<String> date = http.postJson("/api/v1/things", AGENT, "{\"name\":\"a\",\"colour\":\"RED\",\"since\":\"31/12/2025\"}");
        assertProblem(date, 400);
        assertThat(date.body()).contains("\"field\":\"since\"");
    }

    @Test
    void malformedJsonIs400() {
        HttpResponse<String> response = http.postJson("/api/v1/things", AGENT, "{\"name\": \"a\",");
        assertProblem(response, 400);
        assertThat(response.body()).contains("Malformed");
    }

    @Test
    void unknownIdIs404AndIllegalTransitionIs409WithTheReason() {
        assertProblem(http.get("/api/v1/things/t-1", AGENT), 404);
        HttpResponse<String> conflict = http.postJson("/api/v1/things/t-1/closure", AGENT, "{}");
        assertProblem(conflict, 409);
        assertThat(conflict.body()).contains("is CLOSED");
    }

    @Test
    void wrongMediaTypesAre415And406() {
        assertProblem(http.send(http.request("/api/v1/things", AGENT).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=a")).build()), 415);
        assertProblem(http.send(http.request("/api/v1/things/t-1", AGENT).header("Accept", "application/xml").GET().build()), 406);
    }

    @Test
    void bodiesOver64KiBAre413WhetherDeclaredOrChunked() {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"colour\":\"RED\"}";
        assertProblem(http.postJson("/api/v1/things", AGENT, big), 413);

        HttpRequest chunked = http.request("/api/v1/things", AGENT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build();
        assertProblem(http.send(chunked), 413);
    }

    @Test
    void textWithControlCharactersOrBrokenSurrogatesIs400NamingTheField() {
        for (String name : new String[]{"\\ud800", "x\\udfff", "nul\\u0000", "\\u001b[31m"}) {
            HttpResponse<String> response = http.postJson("/api/v1/things", AGENT, "{\"name\":\"" + name + "\",\"colour\":\"RED\"}");
            assertProblem(response, 400);
            assertThat(response.body()).as(name).contains("\"field\":\"name\"");
        }
        // what people type stays welcome (name: at most 10 characters): an emoji (a proper surrogate pair), CJK, tab, line break
        assertThat(http.postJson("/api/v1/things", AGENT, "{\"name\":\"\\ud83d\\ude00泵\\t\\r\\n\",\"colour\":\"RED\"}").statusCode())
                .isEqualTo(201);
    }

    /** Refused by Tomcat (encoded slash, NUL, not UTF-8) or by the security firewall (";", "..", "%25") alike. */
    @Test
    void malformedUrlsAre400Problems() {
        for (String segment : new String[]{"a%2Fb", "%00", "%FF%FE", "a;b=c", "%2e%2e", "%25"}) {
            assertProblem(http.get("/api/v1/things/" + segment + "/x", AGENT), 400);
            assertProblem(http.get("/api/v1/things/" + segment + "/x", null), 400);
        }
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(http.get("/api/v1/nothing-here", AGENT), 404);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\"").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
