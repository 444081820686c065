package com.servicedesk.reporting.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The yearly service summary report (DOMAIN.md, "Yearly service summary report") as one well-formed XHTML document
 * with inline SVG charts, laid out for a management review: a title page, then the {@link #SECTIONS}, each printed by
 * its own class from the {@link YearlyReport}. The same document is what {@link YearlyReportPdf} prints, so the HTML
 * and the PDF carry the same figures; every figure is printed through {@link YearlyReportFormat}.
 */
public final class YearlyReportDocument {
    static final String TITLE = "Yearly service summary report";
    /** In order; the contents on the title page and the PDF's bookmarks list them. */
    static final List<ReportSection> SECTIONS = List.of(new KpiSection(), new ComplaintsSection(), new ClocksSection(),
            new FieldServiceSection(), new CapaSection(), new SatisfactionSection(), new SuggestionsSection());

    private static final String CSS = resource("report/yearly-report.css");

    private YearlyReportDocument() {
    }

    /** The report as a complete XHTML document (UTF-8), fit for a browser and for {@link YearlyReportPdf}. */
    public static String html(YearlyReport report) {
        return html(report, false);
    }

    /** {@code forPdf} adds the PDF's bookmarks (an openhtmltopdf element browsers have no use for). */
    static String html(YearlyReport r, boolean forPdf) {
        Xhtml out = new Xhtml();
        String scope = r.customerId() == null ? "All customers" : "Customer " + r.customerId();
        String title = TITLE + " " + r.year();

        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n")
                .append("<title>").text(title + " – " + scope).append("</title>\n")
                .append("<meta name=\"subject\" content=\"").text(title + ", " + scope).append("\"/>\n")
                .append("<meta name=\"author\" content=\"Service desk reporting\"/>\n")
                .append("<style>\n").append(footer(title, scope)).append(CSS).append("</style>\n");
        if (forPdf) {
            out.append("<bookmarks>\n");
            for (ReportSection section : SECTIONS) {
                out.append("<bookmark name=\"").text(section.heading()).append("\" href=\"#").append(section.id()).append("\"/>\n");
            }
            out.append("</bookmarks>\n");
        }
        out.append("</head>\n<body>\n");
        titlePage(out, r, title, scope);
        SECTIONS.forEach(section -> section.render(out, r));
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void titlePage(Xhtml out, YearlyReport r, String title, String scope) {
        String zone = zone(r);
        out.append("<div class=\"title-page\">\n")
                .append("<p class=\"kicker\">After-sales service · management review</p>\n")
                .append("<h1>").text(title).append("</h1>\n")
                .append("<p class=\"scope\">").text(scope).append("</p>\n")
                .append("<table class=\"facts\">\n");
        out.fact("Reporting period", period(r));
        out.fact("Customer", r.customerId() == null ? "All customers" : r.customerId());
        out.fact("Generated", YearlyReportFormat.dateTime(r.generatedAt(), zone) + " (" + zone + ")");
        out.fact("Time zone", zone);
        out.append("</table>\n<h2>Contents</h2>\n<ol class=\"toc\">\n");
        for (ReportSection section : SECTIONS) {
            out.append("<li><a href=\"#").append(section.id()).append("\">").text(section.heading()).append("</a></li>\n");
        }
        out.append("</ol>\n<p class=\"note\">Rates are shares of what could be measured; ")
                .append(YearlyReportFormat.NONE)
                .append(" means there was nothing to measure. Times are in ").text(zone)
                .append(". Hours are elapsed hours.</p>\n</div>\n");
    }

    private static String period(YearlyReport r) {
        String y = String.valueOf(r.year());
        String period = y + "-01-01 to " + y + "-12-31";
        if (r.generatedAt() != null) {
            ZonedDateTime at = r.generatedAt().atZone(YearlyReportFormat.zoneOf(zone(r)));
            if (at.getYear() == r.year()) {
                // a report of the running year: say so, or its figures read as a full year's
                period += " (year to date, as of " + YearlyReportFormat.date(r.generatedAt(), zone(r)) + ")";
            }
        }
        return period;
    }

    /** The running footer: the report and its scope on the left, "page X of Y" on the right. */
    private static String footer(String title, String scope) {
        return "@page {\n"
                + "  @bottom-left { content: \"" + cssString(title + " · " + scope)
                + "\"; font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 7.5pt; color: #5a6b7b; }\n"
                + "  @bottom-right { content: \"page \" counter(page) \" of \" counter(pages);"
                + " font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 7.5pt; color: #5a6b7b; }\n"
                + "}\n";
    }

    private static String zone(YearlyReport r) {
        return r.zone() == null || r.zone().isBlank() ? "UTC" : r.zone();
    }

    /** Text inside a double-quoted CSS string. */
    private static String cssString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ")
                .replace("<", "\\3C ").replace("&", "\\26 ");
    }

    private static String resource(String name) {
        try (InputStream in = YearlyReportDocument.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the yearly report's resource is missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the yearly report's resource " + name, e);
        }
    }
}
