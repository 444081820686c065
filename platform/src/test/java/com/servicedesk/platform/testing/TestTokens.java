package com.servicedesk.platform.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Signed tokens for tests, with the same claims the gateway's dev token endpoint issues. */
public final class TestTokens {
    /** A test-only key (Base64 of 32 bytes); never used outside tests. */
    public static final String SECRET = Base64.getEncoder().encodeToString("test-secret-for-servicedesk-0001".getBytes());

    private TestTokens() {
    }

    public static String token(String user, String... roles) {
        return sign(SECRET, user, Instant.now().plusSeconds(3600), roles);
    }

    /** @param expiresAt null: a token without expiry, which every service must refuse */
    public static String sign(String secret, String user, Instant expiresAt, String... roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(user)
                    .claim("roles", List.of(roles))
                    .issueTime(new Date())
                    .expirationTime(expiresAt == null ? null : Date.from(expiresAt))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(Base64.getDecoder().decode(secret)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
