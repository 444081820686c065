package com.servicedesk.platform.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.util.StreamUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;

/**
 * Evaluates a handler's {@code @PreAuthorize} before Spring MVC reads and binds the request body. Method security
 * alone runs after binding, so a caller without the role who sent a malformed body got 400 describing the body
 * instead of 403; now the role decides first. The expressions are role checks only (no method arguments), so the
 * invocation is evaluated without arguments; method security still guards the method itself as before.
 */
final class RoleCheckBeforeBinding implements HandlerInterceptor {
    private final PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();

    RoleCheckBeforeBinding(RoleHierarchy roleHierarchy) {
        DefaultMethodSecurityExpressionHandler expressions = new DefaultMethodSecurityExpressionHandler();
        expressions.setRoleHierarchy(roleHierarchy);
        manager.setExpressionHandler(expressions);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        // only on the request itself: the ASYNC dispatch ending a streamed answer comes after its body was written
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return true;
        }
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(PreAuthorize.class)) {
            AuthorizationResult result = manager.authorize(SecurityContextHolder.getContext()::getAuthentication,
                    new SimpleMethodInvocation(method.getBean(), method.getMethod()));
            if (result != null && !result.isGranted()) {
                // read the body to its end first (at most 64 KiB, RequestSizeLimitFilter), as binding did, so that the
                // refusal never overtakes the request on the gateway's kept-alive connection
                StreamUtils.drain(request.getInputStream());
                throw new AccessDeniedException("Access Denied");
            }
        }
        return true;
    }
}
