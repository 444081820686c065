package com.servicedesk.fieldservice.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV of register rows. UTF-8 with a byte-order mark: without it Excel, which the service office opens these
 * registers with, shows Chinese customer names as mojibake.
 */
final class Csv {
    private static final String BOM = "\uFEFF";

    private Csv() {
    }

    static byte[] of(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder csv = new StringBuilder(BOM);
        line(csv, columns.stream().map(c -> (Object) c).toList());
        for (Map<String, Object> row : rows) {
            line(csv, columns.stream().map(row::get).toList());
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder csv, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(values.get(i)));
        }
        csv.append("\r\n");
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // a leading = + - @ would run as a formula in a spreadsheet: quote it as text
        boolean formula = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0;
        if (formula) {
            text = "'" + text;
        }
        if (formula || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
