package com.servicedesk.gateway;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Local stack only: hands out a signed token for any user and roles, so people can try the system without an identity
 * provider. Outside the {@code local} profile this class does not exist and the path answers 404.
 */
@RestController
@Profile("local")
public class DevTokenController {
    public static final String PATH = "/api/v1/dev/tokens";
    static final Set<String> ROLES = Set.of("AGENT", "DISPATCHER", "TECHNICIAN", "QUALITY", "ANALYST", "AUDITOR", "ADMIN");

    private final NimbusJwtEncoder encoder;
    private final Duration lifetime;

    public DevTokenController(SecretKey jwtKey, @Value("${servicedesk.dev-tokens.lifetime:12h}") Duration lifetime) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey));
        this.lifetime = lifetime;
    }

    public record TokenRequest(String user, List<String> roles) {
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> issue(@RequestBody TokenRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (request.user() == null || request.user().isBlank() || request.user().length() > 100) {
            errors.add(Map.of("field", "user", "message", "is required (at most 100 characters)"));
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            errors.add(Map.of("field", "roles", "message", "needs at least one of " + ROLES));
        } else if (!ROLES.containsAll(request.roles())) {
            errors.add(Map.of("field", "roles", "message", "knows only " + ROLES));
        }
        if (!errors.isEmpty()) {
            org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "One or more fields are invalid.");
            problem.setTitle("Invalid request");
            problem.setProperty("errors", errors);
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(request.user().trim())
                .claim("roles", List.copyOf(request.roles()))
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .issuer("servicedesk-local")
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
        return ResponseEntity.ok(Map.of("token", token, "expiresAt", now.plus(lifetime)));
    }
}
