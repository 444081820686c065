package com.servicedesk.platform.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that honours the {@code Idempotency-Key} request header (API.md, Conventions): a request
 * repeating a key with the same body gets the first successful response again (same status, {@code Location},
 * {@code Content-Type} and body, plus {@code Idempotent-Replayed: true}) without running the method; the same key
 * with another body is {@code 422}; a repeat while the first is still running is {@code 409}. Keys are scoped by
 * method, path and user. Without the header the method simply runs.
 * <p>
 * Only a success (2xx) is remembered: a refused request changed nothing, so it may be corrected and sent again with
 * the same key.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Idempotent {
}
