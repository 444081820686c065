package com.servicedesk.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.URI;

/**
 * RFC 9457 bodies written outside Spring MVC (security filters, the size filter), in the same shape the
 * {@link ProblemDetailsAdvice} produces inside it.
 */
public final class Problems {
    public static final URI TYPE_BASE = URI.create("https://servicedesk.example/problems/");

    private Problems() {
    }

    public static URI type(String slug) {
        return TYPE_BASE.resolve(slug);
    }

    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail, String instance)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status.value(), title, detail, instance));
    }

    /** The body of a problem answer. */
    public static String json(int status, String title, String detail, String instance) {
        return "{\"type\":\"" + type(slug(title)) + "\",\"title\":\"" + escape(title)
                + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail)
                + "\",\"instance\":\"" + escape(instance) + "\"}";
    }

    public static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
