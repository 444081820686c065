package com.servicedesk.platform.security;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;

/**
 * The shared HMAC key tokens are signed with: Base64, at least 256 bits. The gateway and every service validate
 * tokens with it (no trust in the network); in the local stack it is generated on first start and kept in the data dir.
 */
public final class JwtSecret {
    public static final String PROPERTY = "servicedesk.security.jwt-secret";
    private static final int MIN_BYTES = 32;

    private JwtSecret() {
    }

    public static SecretKey decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(PROPERTY + " is not set: give the Base64 HMAC key tokens are signed with "
                    + "(env SERVICEDESK_SECURITY_JWT_SECRET)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " is not valid Base64", e);
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(PROPERTY + " must hold at least " + MIN_BYTES + " bytes, it holds " + key.length);
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
