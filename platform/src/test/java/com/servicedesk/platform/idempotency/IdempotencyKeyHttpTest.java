package com.servicedesk.platform.idempotency;

import com.servicedesk.platform.PlatformTestApplication;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Idempotent} over real HTTP on a real PostgreSQL: replay, 422, per-user keys, failures not kept, concurrent duplicates. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=idempotency-test", "servicedesk.relay.topic=servicedesk.intake.complaint.v1"})
class IdempotencyKeyHttpTest {
    static final String ANN = TestTokens.token("ann", "AGENT");
    static final String PATH = "/api/v1/test-orders";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "idempotency");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdempotentTestController controller;
    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void theSameKeyAndBodyReturnsTheFirstResponseAgainWithoutRunningTwice() {
        String key = UUID.randomUUID().toString();
        int before = controller.executions();

        HttpResponse<String> first = post(ANN, key, "{\"item\":\"pump\"}");
        HttpResponse<String> again = post(ANN, key, "{\"item\":\"pump\"}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotencyInterceptor.REPLAYED_HEADER)).isEmpty();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(again.headers().firstValue(IdempotencyInterceptor.REPLAYED_HEADER)).hasValue("true");
        assertThat(controller.executions() - before).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422Problem() {
        String key = UUID.randomUUID().toString();
        assertThat(post(ANN, key, "{\"item\":\"pump\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> reused = post(ANN, key, "{\"item\":\"valve\"}");

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reused.body()).contains("\"status\":422").contains("Idempotency-Key").doesNotContain("Exception");
    }

    @Test
    void anotherUserWithTheSameKeyHasAKeyOfItsOwn() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> ann = post(ANN, key, "{\"item\":\"pump\"}");
        HttpResponse<String> bob = post(TestTokens.token("bob", "AGENT"), key, "{\"item\":\"pump\"}");

        assertThat(bob.statusCode()).isEqualTo(201);
        assertThat(bob.body()).isNotEqualTo(ann.body());
    }

    @Test
    void withoutAKeyOrOnAnUnmarkedEndpointEveryRequestRuns() {
        int before = controller.executions();
        http.postJson(PATH, ANN, "{\"item\":\"pump\"}");
        http.postJson(PATH, ANN, "{\"item\":\"pump\"}");
        String key = UUID.randomUUID().toString();
        http.send(http.request(PATH + "/unmarked", ANN).header("Content-Type", "application/json")
                .header(IdempotencyInterceptor.HEADER, key).POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"pump\"}")).build());
        http.send(http.request(PATH + "/unmarked", ANN).header("Content-Type", "application/json")
                .header(IdempotencyInterceptor.HEADER, key).POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"pump\"}")).build());
        assertThat(controller.executions() - before).isEqualTo(4);
    }

    @Test
    void aRefusedRequestIsNotRememberedSoTheCorrectedOneMayReuseItsKey() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> invalid = post(ANN, key, "{\"item\":\"\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(post(ANN, key, "{\"item\":\"\"}").statusCode()).as("ran again, not replayed").isEqualTo(400);

        HttpResponse<String> forbidden = post(TestTokens.token("tom", "TECHNICIAN"), key, "{\"item\":\"pump\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);

        assertThat(post(ANN, key, "{\"item\":\"pump\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aKeyOver255CharactersIs400NamingTheHeader() {
        HttpResponse<String> response = post(ANN, "k".repeat(256), "{\"item\":\"pump\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"Idempotency-Key\"");
    }

    /** Hashing reads the body through the 64 KiB limit too: a chunked body over it is refused, not buffered. */
    @Test
    void aChunkedBodyOver64KiBWithAKeyIs413() {
        String big = "{\"item\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> response = http.send(http.request(PATH, ANN).header("Content-Type", "application/json")
                .header(IdempotencyInterceptor.HEADER, UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"status\":413");
    }

    /** Eight clients send the same request at once: it runs once; the rest see its response or that it is still running. */
    @Test
    void concurrentDuplicatesDoNotBothRun() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"item\":\"pump\",\"delayMillis\":500}";
        int before = controller.executions();
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post(ANN, key, body);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }

            assertThat(controller.executions() - before).isEqualTo(1);
            List<HttpResponse<String>> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
            assertThat(created).isNotEmpty();
            assertThat(created).extracting(HttpResponse::body).containsOnly(created.get(0).body());
            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
            assertThat(responses.stream().filter(r -> r.statusCode() == 409)).allSatisfy(r -> assertThat(r.body()).contains("still being processed"));
        } finally {
            pool.shutdownNow();
        }
        HttpResponse<String> later = post(ANN, key, body);
        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(later.headers().firstValue(IdempotencyInterceptor.REPLAYED_HEADER)).hasValue("true");
        assertThat(controller.executions() - before).isEqualTo(1);
    }

    private HttpResponse<String> post(String token, String key, String json) {
        return http.send(http.request(PATH, token).header("Content-Type", "application/json")
                .header(IdempotencyInterceptor.HEADER, key).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
