package com.servicedesk.gateway;

import io.netty.buffer.Unpooled;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerRoutes;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A request target that is no valid URI (a raw {@code |}, {@code {}}, {@code "}, {@code <}, {@code \}, a space, a
 * lone {@code %}) never reaches WebFlux: Spring's Reactor adapter answers such a request with an empty 400. This route,
 * matched by Reactor Netty before the application's, answers 400 problem+json instead, as the services do.
 */
@Component
class UnparsableUriRoute implements NettyRouteProvider {

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(UnparsableUriRoute::unparsable, (request, response) -> response
                .status(HttpStatus.BAD_REQUEST.value())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .send(Mono.just(Unpooled.wrappedBuffer(Problems.body(HttpStatus.BAD_REQUEST, "Bad request",
                        "The request's URL is not acceptable.", request.uri()))))
                .then());
    }

    static boolean unparsable(HttpServerRequest request) {
        String target = request.uri();
        try {
            // origin form ("/path?query") as Spring will read it: after a scheme and host
            new URI(target.startsWith("/") ? "http://gateway" + target : target);
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }
}
