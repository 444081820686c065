package com.servicedesk.platform.security;

import com.servicedesk.platform.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Instant;
import java.util.Objects;

/**
 * Every service is a JWT resource server of its own: it validates the token again rather than trusting the gateway.
 * Roles come from the {@code roles} claim; ADMIN holds every other role. Health and metrics stay open for probes.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
public class PlatformSecurityAutoConfiguration {
    public static final String ROLES_CLAIM = "roles";
    private static final String[] ROLES = {"AGENT", "DISPATCHER", "TECHNICIAN", "QUALITY", "ANALYST", "AUDITOR"};

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> Problems.write(response, HttpStatus.UNAUTHORIZED,
                "Unauthorized", "A valid bearer token is required.", request.getRequestURI());
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN,
                "Forbidden", "Your role does not allow this request.", request.getRequestURI());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * A URL the firewall refuses (an encoded slash, a semicolon, "..", an encoded percent or NUL) is 400 problem+json,
     * not the container's error page. Picked up by {@code WebSecurity} as the one {@link RequestRejectedHandler}.
     */
    @Bean
    public RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> Problems.write(response, HttpStatus.BAD_REQUEST, "Bad request",
                "The request's URL is not acceptable.", request.getRequestURI());
    }

    /** Signed with the shared key, HS256, and carrying an expiry: a token that never expires is refused. */
    @Bean
    public JwtDecoder jwtDecoder(@Value("${" + JwtSecret.PROPERTY + ":}") String secret) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(JwtSecret.decode(secret)).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
        return decoder;
    }

    /** Roles are checked before a body is read, see {@link RoleCheckBeforeBinding}. */
    @Bean
    public WebMvcConfigurer roleCheckBeforeBinding(RoleHierarchy roleHierarchy) {
        RoleCheckBeforeBinding check = new RoleCheckBeforeBinding(roleHierarchy);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(check);
            }
        };
    }

    @Bean
    public static RoleHierarchy roleHierarchy() {
        StringBuilder hierarchy = new StringBuilder();
        for (String role : ROLES) {
            hierarchy.append("ROLE_ADMIN > ROLE_").append(role).append('\n');
        }
        return RoleHierarchyImpl.fromHierarchy(hierarchy.toString());
    }

    static JwtAuthenticationConverter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
