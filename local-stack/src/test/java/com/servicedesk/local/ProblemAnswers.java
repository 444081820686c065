package com.servicedesk.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every error answer of the API must look like (API.md, Conventions): RFC 9457 {@code application/problem+json}
 * whose {@code status} is the HTTP status, and nothing of the implementation in it (no stack trace, no class name).
 */
final class ProblemAnswers {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Exception names, stack frames and package-qualified class names: what a leaked stack trace is made of. */
    private static final Pattern IMPLEMENTATION_DETAIL = Pattern.compile(
            "Exception|Throwable|\\bat [a-z][\\w$]*\\.[\\w$.]+\\(|\\.java:\\d+|"
                    + "\\b(?:java|javax|jakarta|sun|tools\\.jackson|com\\.fasterxml|org\\.springframework|org\\.axonframework"
                    + "|org\\.apache|org\\.postgresql|com\\.servicedesk|reactor|io\\.netty)\\.[a-z][\\w$.]*");

    private ProblemAnswers() {
    }

    /** Why {@code response} is not a proper problem answer, or null when it is one. */
    static String defect(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "Content-Type is '" + type + "', not application/problem+json";
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return "the body is not JSON: " + e.getMessage();
        }
        if (body == null || !body.path("status").isIntegralNumber() || body.path("status").asInt() != response.statusCode()) {
            return "its status field is " + (body == null ? "missing" : body.path("status")) + ", not " + response.statusCode();
        }
        if (IMPLEMENTATION_DETAIL.matcher(response.body()).find()) {
            return "it shows implementation details";
        }
        return null;
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(defect(response)).as("problem answer %s", response.body()).isNull();
    }
}
