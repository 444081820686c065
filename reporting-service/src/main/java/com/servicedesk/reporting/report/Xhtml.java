package com.servicedesk.reporting.report;

import java.util.List;
import java.util.Map;

/**
 * The yearly report's XHTML building blocks, written into one buffer: sections, tiles, tables of figures, charts.
 * Every figure arrives formatted ({@link YearlyReportFormat}); every text is escaped here.
 */
public final class Xhtml {
    private final StringBuilder out = new StringBuilder(256 * 1024);

    public Xhtml append(String markup) {
        out.append(markup);
        return this;
    }

    /** Text as content: escaped. */
    public Xhtml text(String text) {
        out.append(escape(text));
        return this;
    }

    public void section(ReportSection section) {
        out.append("<section id=\"").append(section.id()).append("\" class=\"")
                .append(section.newPage() ? "new-page" : "follows").append("\">\n<h2>").append(escape(section.heading()))
                .append("</h2>\n");
    }

    public void fact(String name, String value) {
        out.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    public void tile(String figure, String caption) {
        out.append("<td><div class=\"figure\">").append(escape(figure)).append("</div><div class=\"caption\">")
                .append(escape(caption)).append("</div></td>");
    }

    /** A two-column table: a name and a figure per row. */
    public void keyValues(List<String[]> rows) {
        out.append("<table class=\"data\">\n<tbody>\n");
        for (String[] row : rows) {
            out.append("<tr><th>").append(escape(row[0])).append("</th>");
            numberCell(row[1]);
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** A row whose value is markup already. */
    public void row(String name, String valueXhtml) {
        out.append("<tr><th>").append(escape(name)).append("</th><td>").append(valueXhtml).append("</td></tr>\n");
    }

    public void numberCell(String formatted) {
        out.append("<td class=\"num\">").append(escape(formatted)).append("</td>");
    }

    public static String bullets(List<String> items) {
        if (items == null || items.isEmpty()) {
            return YearlyReportFormat.NONE;
        }
        StringBuilder ul = new StringBuilder("<ul>");
        for (String item : items) {
            ul.append("<li>").append(escape(YearlyReportFormat.text(item))).append("</li>");
        }
        return ul.append("</ul>").toString();
    }

    public void chartWithTable(String heading, String id, String description, Map<String, Long> counts, String keyHeader,
                               String valueHeader) {
        out.append("<h3>").append(escape(heading)).append("</h3>\n")
                .append("<table class=\"layout keep\"><tr><td class=\"chart\">\n");
        chart(YearlyReportCharts.countBars(id, description, labelled(counts), 400, 30 + 30 * Math.max(counts.size(), 1)));
        out.append("</td><td class=\"figures\">\n");
        countTable(counts, keyHeader, valueHeader);
        out.append("</td></tr></table>\n");
    }

    public void chart(String svg) {
        if (svg == null) {
            out.append("<p class=\"no-data\">Nothing to chart.</p>\n");
        } else {
            out.append("<div class=\"chart\">").append(svg).append("</div>\n");
        }
    }

    public void countTable(Map<String, Long> counts, String keyHeader, String valueHeader) {
        out.append("<table class=\"data\">\n<thead><tr><th>").append(escape(keyHeader))
                .append("</th><th class=\"num\">").append(escape(valueHeader)).append("</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.append("<tr><td>").append(escape(YearlyReportFormat.label(e.getKey()))).append("</td>");
            numberCell(YearlyReportFormat.count(e.getValue()));
            out.append("</tr>\n");
        }
        if (counts.isEmpty()) {
            out.append("<tr><td colspan=\"2\" class=\"no-data\">None.</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** The same entries keyed by the words the reader sees. */
    public static Map<String, Object> labelled(Map<String, Long> counts) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        counts.forEach((code, n) -> result.put(YearlyReportFormat.label(code), n));
        return result;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Text for XHTML content and attribute values: markup characters escaped, and the control characters XML
     * cannot carry at all dropped (a customer comment pasted from elsewhere must not break the document).
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if ((ch >= 0x20 || ch == '\n' || ch == '\r' || ch == '\t') && ch != 0xFFFE && ch != 0xFFFF) {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
