package com.servicedesk.platform.idempotency;

import com.servicedesk.platform.validation.Violations;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link Idempotent} endpoint for the platform's tests: counts how often it really ran. */
@RestController
public class IdempotentTestController {
    public record Order(String item, Integer delayMillis) {
    }

    private final AtomicInteger executions = new AtomicInteger();

    /** A method, not the field: callers hold the security proxy of this controller. */
    public int executions() {
        return executions.get();
    }

    @PostMapping(path = "/api/v1/test-orders", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasRole('AGENT')")
    @Idempotent
    public ResponseEntity<Map<String, Object>> place(@RequestBody Order order) throws InterruptedException {
        new Violations().requiredText("item", order.item(), 20).throwIfAny();
        int execution = executions.incrementAndGet();
        if (order.delayMillis() != null) {
            Thread.sleep(order.delayMillis());
        }
        String orderId = UUID.randomUUID().toString();
        return ResponseEntity.created(URI.create("/api/v1/test-orders/" + orderId))
                .body(Map.of("orderId", orderId, "item", order.item(), "execution", execution));
    }

    @PostMapping(path = "/api/v1/test-orders/unmarked", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasRole('AGENT')")
    public Map<String, Object> unmarked(@RequestBody Order order) {
        return Map.of("execution", executions.incrementAndGet());
    }
}
