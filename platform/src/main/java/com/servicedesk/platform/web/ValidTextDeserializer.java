package com.servicedesk.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Every string of a request body must be text: JSON escapes can smuggle in what no person types and what stores
 * downstream refuse, such as a lone surrogate ({@code "\ud800"}, which PostgreSQL's jsonb rejects, so the event that
 * carries it would be dead-lettered by a projection) or NUL. Refused at the edge as a field of the wrong format
 * (400 naming the field); tab, line feed and carriage return stay allowed.
 */
public class ValidTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        String value = super.deserialize(p, ctxt);
        if (value != null && !isText(value)) {
            throw ctxt.weirdStringException(value, String.class, "holds control characters or a broken surrogate pair");
        }
        return value;
    }

    static boolean isText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
