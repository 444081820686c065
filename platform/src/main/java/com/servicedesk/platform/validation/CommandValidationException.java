package com.servicedesk.platform.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A command refused for invalid fields; answered with 400 and the list of fields. */
public class CommandValidationException extends RuntimeException {
    private final List<FieldViolation> violations;

    public CommandValidationException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
