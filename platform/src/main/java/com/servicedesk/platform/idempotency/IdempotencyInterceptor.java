package com.servicedesk.platform.idempotency;

import com.servicedesk.platform.metadata.CurrentActor;
import com.servicedesk.platform.validation.Violations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.util.Objects;

/**
 * Runs {@link Idempotent} methods at most once per key (see there): claims the key before the method runs, replays or
 * refuses when it is taken, and afterwards stores the response of a success or releases the key.
 * Runs after authentication, so the key is scoped by the user; before the method's own role check and body
 * validation, whose refusals simply release the key again.
 */
public class IdempotencyInterceptor implements HandlerInterceptor {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String CLAIMED = IdempotencyInterceptor.class.getName() + ".claimed";

    private final IdempotencyKeys keys;

    public IdempotencyInterceptor(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String key = request.getHeader(HEADER);
        if (key == null || !(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(Idempotent.class)) {
            return true;
        }
        new Violations().check(!key.isBlank() && key.length() <= MAX_KEY_LENGTH, HEADER,
                "must be 1 to " + MAX_KEY_LENGTH + " characters").throwIfAny();
        IdempotencyFilter.CachedBodyRequest body = Objects.requireNonNull(
                WebUtils.getNativeRequest(request, IdempotencyFilter.CachedBodyRequest.class),
                "IdempotencyFilter must wrap every request that carries " + HEADER);
        IdempotencyKeys.Key scoped = new IdempotencyKeys.Key(request.getMethod() + " " + request.getRequestURI(), CurrentActor.name(), key);
        IdempotencyKeys.Claim claim = keys.claim(scoped, IdempotencyKeys.sha256(body.body()));
        return switch (claim.outcome()) {
            case ACQUIRED -> {
                request.setAttribute(CLAIMED, scoped);
                yield true;
            }
            case REPLAY -> {
                replay(response, claim.response());
                yield false;
            }
            case MISMATCH -> throw new IdempotencyKeyReusedException();
            case IN_PROGRESS -> throw new IdempotentRequestInProgressException();
        };
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(request.getAttribute(CLAIMED) instanceof IdempotencyKeys.Key claimed)) {
            return;
        }
        int status = response.getStatus();
        ContentCachingResponseWrapper buffered = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        if (ex == null && status >= 200 && status < 300 && buffered != null) {
            keys.complete(claimed, new IdempotencyKeys.StoredResponse(status, response.getContentType(),
                    response.getHeader(HttpHeaders.LOCATION), buffered.getContentAsByteArray()));
        } else {
            keys.release(claimed);
        }
    }

    private static void replay(HttpServletResponse response, IdempotencyKeys.StoredResponse stored) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(stored.body());
    }
}
