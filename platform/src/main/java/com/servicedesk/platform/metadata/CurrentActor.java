package com.servicedesk.platform.metadata;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated user of the current request: the JWT's subject. */
public final class CurrentActor {
    private CurrentActor() {
    }

    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication.getName() == null) {
            return AuditMetadata.UNKNOWN_ACTOR;
        }
        return authentication.getName();
    }
}
