package com.servicedesk.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Locale;

/**
 * The gateway's part of the {@code Server-Timing} header (docs/benchmarks.md, "Where one registration's time goes"):
 * {@code gateway;dur=} is the time from the request's arrival here to the answer's headers leaving, the service's own
 * phases included; the service's header is passed on beside it. On when {@code servicedesk.web.server-timing} is true.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "servicedesk.web.server-timing", havingValue = "true")
public class GatewayServerTiming implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().add("Server-Timing",
                    String.format(Locale.ROOT, "gateway;dur=%.2f", (System.nanoTime() - start) / 1e6));
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
