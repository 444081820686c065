package com.servicedesk.platform.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of a command before refusing it, so the caller learns all of them at once.
 * Used by aggregates: the rules live in the domain, not in controllers.
 */
public final class Violations {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<FieldViolation> violations = new ArrayList<>();

    public Violations required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, "is required");
        }
        return this;
    }

    /** Required, non-blank and at most {@code maxLength} characters. */
    public Violations requiredText(String field, String value, int maxLength) {
        required(field, value);
        return maxLength(field, value, maxLength);
    }

    public Violations maxLength(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        }
        return this;
    }

    public Violations email(String field, String value) {
        if (value != null && !value.isBlank() && !EMAIL.matcher(value).matches()) {
            add(field, "is not an e-mail address");
        }
        return this;
    }

    public Violations notAfter(String field, Instant value, Instant limit) {
        if (value != null && value.isAfter(limit)) {
            add(field, "must not be in the future");
        }
        return this;
    }

    public Violations notAfter(String field, LocalDate value, LocalDate limit) {
        if (value != null && value.isAfter(limit)) {
            add(field, "must not be in the future");
        }
        return this;
    }

    public Violations positive(String field, Integer value) {
        if (value != null && value <= 0) {
            add(field, "must be greater than 0");
        }
        return this;
    }

    public Violations check(boolean valid, String field, String message) {
        if (!valid) {
            add(field, message);
        }
        return this;
    }

    public Violations add(String field, String message) {
        violations.add(new FieldViolation(field, message));
        return this;
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new CommandValidationException(violations);
        }
    }
}
