package com.servicedesk.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Errors raised in the gateway itself (no route, service unreachable, timeouts, a service breaking off mid-request)
 * answer problem+json like the services do; runs before Boot's default handler, which would answer its own JSON shape.
 */
@Component
@Order(-2)
public class ProblemJsonExceptionHandler implements WebExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemJsonExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable e) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(e);
        }
        String path = exchange.getRequest().getPath().value();
        if (e instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.valueOf(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return Problems.write(exchange.getResponse(), code, "Not found", "No resource at " + path + ".", path);
            }
            return Problems.write(exchange.getResponse(), code, code.getReasonPhrase(),
                    status.getReason() == null ? code.getReasonPhrase() : status.getReason(), path);
        }
        // a stopped container in docker-compose is not even resolvable: that is unavailable too
        if (hasCause(e, ConnectException.class) || hasCause(e, TimeoutException.class) || hasCause(e, UnknownHostException.class)) {
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The service behind " + path + " does not answer; try again shortly.", path);
        }
        // the service took the request and then broke off (killed, crashed): whether it acted is unknown, so not a 503
        if (hasCause(e, IOException.class)) {
            LOG.warn("the service behind {} broke off the connection: {}", path, e.toString());
            return Problems.write(exchange.getResponse(), HttpStatus.BAD_GATEWAY, "Bad gateway",
                    "The service behind " + path + " broke off the connection before it answered; the request may or may not "
                            + "have taken effect. Read the resource before repeating a command, or repeat it with the same "
                            + "Idempotency-Key where the endpoint honours one.", path);
        }
        LOG.error("gateway failure on {}", path, e);
        return Problems.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed.", path);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
