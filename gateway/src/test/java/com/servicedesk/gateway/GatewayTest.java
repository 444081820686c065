package com.servicedesk.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway alone, every service behind it down (ports nobody listens on). */
class GatewayTest {
    static final String SECRET = Base64.getEncoder().encodeToString("gateway-test-secret-0123456789ab".getBytes());
    static final String PROPERTIES = "servicedesk.security.jwt-secret=" + "Z2F0ZXdheS10ZXN0LXNlY3JldC0wMTIzNDU2Nzg5YWI=";
    static final String NOBODY = "http://127.0.0.1:9";

    @Nested
    @SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            PROPERTIES, "servicedesk.services.intake=" + NOBODY, "servicedesk.services.fieldservice=" + NOBODY,
            "servicedesk.services.quality=" + NOBODY, "servicedesk.services.satisfaction=" + NOBODY,
            "servicedesk.services.reporting=" + NOBODY})
    class DefaultProfile {
        @LocalServerPort
        int port;

        @Test
        void devTokenPathIsAbsentOutsideTheLocalProfile() throws Exception {
            HttpResponse<String> response = post(port, "/api/v1/dev/tokens", token(), "{\"user\":\"a\",\"roles\":[\"AGENT\"]}");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        @Test
        void apiWithoutTokenIs401Problem() throws Exception {
            HttpResponse<String> response = get(port, "/api/v1/complaints/x", null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"status\":401");
        }

        @Test
        void tokenWithoutExpiryIs401Problem() throws Exception {
            HttpResponse<String> response = get(port, "/api/v1/complaints/x", token(null));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        /** Characters no URI may hold raw, sent as they are (the JDK's client would refuse to). */
        @Test
        void unparsableUrlsAre400Problems() throws Exception {
            for (String target : List.of("/api/v1/complaints/a|b", "/api/v1/complaints/a{b}", "/api/v1/complaints?q=a\"b",
                    "/api/v1/complaints/a%zz", "/api/v1/complaints/a\\b", "/x^y", "/api/v1/complaints/<script>")) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(answer).as(target).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                            .contains("\"status\":400").contains("not acceptable");
                }
            }
            // and the next request is served as usual
            assertThat(get(port, "/api/v1/complaints/x", null).statusCode()).isEqualTo(401);
        }

        @Test
        void unreachableServiceIs503Problem() throws Exception {
            HttpResponse<String> response = get(port, "/api/v1/complaints/x", token());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("Service unavailable");
        }

        @Test
        void declaredBodyOver64KiBIs413Problem() throws Exception {
            HttpResponse<String> response = post(port, "/api/v1/complaints", token(), "{\"x\":\"" + "y".repeat(70_000) + "\"}");
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        @Test
        void healthIsDownWhileAnyServiceIsDown() throws Exception {
            HttpResponse<String> response = get(port, "/actuator/health", null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"services\"").contains("DOWN");
        }
    }

    /** A service that takes the request and breaks the connection off (as a service killed mid-request does). */
    @Nested
    @SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = PROPERTIES)
    class ServiceBreaksOff {
        static final ServerSocket RUDE = rudeService();

        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void services(DynamicPropertyRegistry registry) {
            registry.add("servicedesk.services.intake", () -> "http://127.0.0.1:" + RUDE.getLocalPort());
        }

        @Test
        void aServiceBreakingOffIs502ProblemNot500() throws Exception {
            HttpResponse<String> response = post(port, "/api/v1/complaints", token(), "{\"customerId\":\"C-1\"}");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"status\":502").contains("may or may not have taken effect")
                    .doesNotContain("Exception");
        }

        /** Reads what comes, then closes with a reset (linger 0), never answering. */
        static ServerSocket rudeService() {
            try {
                ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Thread thread = new Thread(() -> {
                    while (!server.isClosed()) {
                        try (Socket socket = server.accept()) {
                            socket.getInputStream().read(new byte[8192]);
                            socket.setSoLinger(true, 0);
                        } catch (IOException e) {
                            // the next one
                        }
                    }
                }, "rude-service");
                thread.setDaemon(true);
                thread.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Nested
    @SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {PROPERTIES, "servicedesk.services.intake=" + NOBODY})
    @ActiveProfiles("local")
    class LocalProfile {
        @LocalServerPort
        int port;

        @Test
        void issuesATokenSignedWithTheSharedKeyCarryingTheRoles() throws Exception {
            HttpResponse<String> response = post(port, "/api/v1/dev/tokens", null, "{\"user\":\"alice\",\"roles\":[\"AGENT\",\"QUALITY\"]}");
            assertThat(response.statusCode()).isEqualTo(200);
            String token = response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.verify(new com.nimbusds.jose.crypto.MACVerifier(Base64.getDecoder().decode(SECRET)))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
            assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("AGENT", "QUALITY");
        }

        @Test
        void refusesUnknownRolesNamingTheField() throws Exception {
            HttpResponse<String> response = post(port, "/api/v1/dev/tokens", null, "{\"user\":\"alice\",\"roles\":[\"KING\"]}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"field\":\"roles\"");
        }
    }

    static String token() throws Exception {
        return token(new Date(System.currentTimeMillis() + 60_000));
    }

    static String token(Date expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("ann")
                .claim("roles", List.of("AGENT")).expirationTime(expiresAt).build());
        jwt.sign(new MACSigner(Base64.getDecoder().decode(SECRET)));
        return jwt.serialize();
    }

    static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(int port, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
