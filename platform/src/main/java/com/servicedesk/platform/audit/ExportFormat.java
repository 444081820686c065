package com.servicedesk.platform.audit;

import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.validation.FieldViolation;

import java.util.List;

/**
 * The {@code ?format=} of audit answers, the same for every service: {@code json} (the default, one array) or
 * {@code jsonl} (one event per line, {@code application/x-ndjson}, as a download).
 */
public final class ExportFormat {
    private ExportFormat() {
    }

    /** @throws CommandValidationException naming {@code format} for anything but json, jsonl or nothing */
    public static boolean isJsonLines(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("jsonl")) {
            return true;
        }
        throw new CommandValidationException(List.of(new FieldViolation("format", "must be json or jsonl")));
    }

    /** The Content-Disposition of a JSON-lines download named {@code <name>-<id>-<what>.jsonl}, the id made file-safe. */
    public static String attachment(String name, String id, String what) {
        return "attachment; filename=\"" + name + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + what + ".jsonl\"";
    }
}
