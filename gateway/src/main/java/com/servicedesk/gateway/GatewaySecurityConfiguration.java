package com.servicedesk.gateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The gateway authenticates every API call; which role may do what is decided by the service that owns the resource
 * (it validates the token again: no trust in the network).
 */
@Configuration
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {
    /** The SLA dashboard page (static resources) and the WebJars it loads. */
    static final String[] WEB_PAGE = {"/", "/index.html", "/app.js", "/app.css", "/favicon.ico", "/webjars/**"};

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> Problems.write(exchange.getResponse(),
                HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required.", exchange.getRequest().getPath().value());
        ServerAccessDeniedHandler forbidden = (exchange, e) -> Problems.write(exchange.getResponse(),
                HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this request.", exchange.getRequest().getPath().value());
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, DevTokenController.PATH).permitAll()
                        // the dashboard page and its assets load before anyone signs in; its API calls carry the token
                        .pathMatchers(HttpMethod.GET, WEB_PAGE).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * A URL the firewall refuses (an encoded slash, a semicolon, "..", an encoded percent, NUL or a line break) is 400
     * problem+json, not an empty 400. Picked up by WebFlux security as the one rejected-exchange handler.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedExchanges() {
        return (exchange, e) -> Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "Bad request",
                "The request's URL is not acceptable.", exchange.getRequest().getPath().value());
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecretKey jwtKey) {
        // the services' rule too: a token without an expiry is refused
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
        return decoder;
    }

    /** The same key and rules as the services' {@code JwtSecret}: Base64, at least 256 bits. */
    @Bean
    SecretKey jwtKey(@Value("${servicedesk.security.jwt-secret:}") String secret) {
        if (secret.isBlank()) {
            throw new IllegalStateException("servicedesk.security.jwt-secret is not set (env SERVICEDESK_SECURITY_JWT_SECRET)");
        }
        byte[] key = Base64.getDecoder().decode(secret.trim());
        if (key.length < 32) {
            throw new IllegalStateException("servicedesk.security.jwt-secret must hold at least 32 bytes");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
