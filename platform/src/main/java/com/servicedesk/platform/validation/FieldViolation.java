package com.servicedesk.platform.validation;

/** One invalid field, named as the JSON body names it ({@code contact.email}). */
public record FieldViolation(String field, String message) {
}
