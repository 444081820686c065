package com.servicedesk.reporting.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yearly service summary report (DOMAIN.md, "Yearly service summary report") as one well-formed XHTML
 * document with inline SVG charts, laid out for a management review: a title page, the KPIs against their
 * targets, then one section per process (complaints, SLA clocks, field service, CAPA, satisfaction, customer
 * suggestions). The same document is what {@link YearlyReportPdf} prints, so the HTML and the PDF carry the same
 * figures; every figure comes from the report map and is printed through {@link YearlyReportFormat}.
 *
 * <p>The input is the JSON-ready map of the yearly report query. Missing parts print as "–" rather than failing:
 * a report of a quiet year, or of one customer, has many empty corners.
 */
public final class YearlyReportDocument {
    static final String TITLE = "Yearly service summary report";

    private static final String CSS = resource("report/yearly-report.css");

    private static final List<String> CATEGORIES = List.of("PRODUCT_QUALITY", "DELIVERY", "SERVICE", "DOCUMENTATION", "OTHER");
    private static final List<String> CHANNELS = List.of("PHONE", "FAX", "LETTER", "VISIT", "EMAIL", "WEB");
    private static final List<String> REGIONS = List.of("IN_PROVINCE", "OUT_OF_PROVINCE");
    private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "EMERGENCY");
    private static final Map<String, String> CLOCKS = new LinkedHashMap<>();
    private static final Map<String, String> CLOCK_DESCRIPTIONS = new LinkedHashMap<>();

    static {
        CLOCKS.put("acknowledge", "Acknowledge");
        CLOCKS.put("reply", "Reply to customer");
        CLOCKS.put("onSite", "Technician on site");
        CLOCKS.put("report", "Service report");
        CLOCK_DESCRIPTIONS.put("acknowledge", "first response after the complaint is received");
        CLOCK_DESCRIPTIONS.put("reply", "reply to the customer");
        CLOCK_DESCRIPTIONS.put("onSite", "technician on site, when field service is requested");
        CLOCK_DESCRIPTIONS.put("report", "service report submitted after the service is completed");
    }

    /** The sections in order: id and heading; the contents on the title page and the PDF's bookmarks use them. */
    private static final String[][] SECTIONS = {
            {"kpis", "Key performance indicators"},
            {"complaints", "Complaints"},
            {"clocks", "SLA clocks"},
            {"field-service", "Field service"},
            {"capa", "Corrective and preventive actions (CAPA)"},
            {"satisfaction", "Customer satisfaction"},
            {"suggestions", "Customer suggestions"},
    };

    private YearlyReportDocument() {
    }

    /** The report as a complete XHTML document (UTF-8), fit for a browser and for {@link YearlyReportPdf}. */
    public static String html(Map<String, Object> report) {
        return html(report, false);
    }

    /** {@code forPdf} adds the PDF's bookmarks (an openhtmltopdf element browsers have no use for). */
    static String html(Map<String, Object> report, boolean forPdf) {
        Map<String, Object> r = report == null ? Map.of() : report;
        StringBuilder out = new StringBuilder(256 * 1024);
        String year = text(r.get("year"));
        String scope = r.get("customerId") == null ? "All customers" : "Customer " + text(r.get("customerId"));
        String title = TITLE + " " + year;

        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n")
                .append("<title>").append(escape(title + " – " + scope)).append("</title>\n")
                .append("<meta name=\"subject\" content=\"").append(escape(title + ", " + scope)).append("\"/>\n")
                .append("<meta name=\"author\" content=\"Service desk reporting\"/>\n")
                .append("<style>\n").append(footer(title, scope)).append(CSS).append("</style>\n");
        if (forPdf) {
            out.append("<bookmarks>\n");
            for (String[] section : SECTIONS) {
                out.append("<bookmark name=\"").append(escape(section[1])).append("\" href=\"#").append(section[0])
                        .append("\"/>\n");
            }
            out.append("</bookmarks>\n");
        }
        out.append("</head>\n<body>\n");

        titlePage(out, r, title, scope);
        kpis(out, r);
        complaints(out, r);
        clocks(out, r);
        fieldService(out, r);
        capa(out, r);
        satisfaction(out, r);
        suggestions(out, r);

        out.append("</body>\n</html>\n");
        return out.toString();
    }

    // ---------------------------------------------------------------- sections

    private static void titlePage(StringBuilder out, Map<String, Object> r, String title, String scope) {
        String zone = zone(r);
        out.append("<div class=\"title-page\">\n")
                .append("<p class=\"kicker\">After-sales service · management review</p>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"scope\">").append(escape(scope)).append("</p>\n")
                .append("<table class=\"facts\">\n");
        fact(out, "Reporting period", period(r));
        fact(out, "Customer", r.get("customerId") == null ? "All customers" : text(r.get("customerId")));
        fact(out, "Generated", YearlyReportFormat.dateTime(r.get("generatedAt"), zone) + " (" + zone + ")");
        fact(out, "Time zone", zone);
        out.append("</table>\n<h2>Contents</h2>\n<ol class=\"toc\">\n");
        for (String[] section : SECTIONS) {
            out.append("<li><a href=\"#").append(section[0]).append("\">").append(escape(section[1]))
                    .append("</a></li>\n");
        }
        out.append("</ol>\n<p class=\"note\">Rates are shares of what could be measured; ")
                .append(YearlyReportFormat.NONE)
                .append(" means there was nothing to measure. Times are in ").append(escape(zone))
                .append(". Hours are elapsed hours.</p>\n</div>\n");
    }

    private static void kpis(StringBuilder out, Map<String, Object> r) {
        Map<String, Object> complaints = map(r.get("complaints"));
        Map<String, Object> timeToClose = map(r.get("timeToClose"));
        Map<String, Object> field = map(r.get("fieldService"));
        Map<String, Object> capa = map(r.get("capa"));
        Map<String, Object> satisfaction = map(r.get("satisfaction"));

        section(out, 0, true);
        out.append("<table class=\"data kpis keep\">\n<thead><tr><th>Indicator</th><th class=\"num\">Result</th>")
                .append("<th class=\"num\">Target</th><th>Status</th></tr></thead>\n<tbody>\n");
        List<Object> kpis = list(r.get("kpis"));
        for (Object o : kpis) {
            Map<String, Object> kpi = map(o);
            String unit = kpi.get("unit") == null ? null : kpi.get("unit").toString();
            String label = kpi.get("label") != null ? text(kpi.get("label")) : YearlyReportFormat.label(kpi.get("name"));
            Object met = kpi.get("met");
            String status;
            String css;
            if (Boolean.TRUE.equals(met)) {
                status = "✓ Met";
                css = "status-met";
            } else if (Boolean.FALSE.equals(met)) {
                status = "✗ Missed";
                css = "status-missed";
            } else {
                status = "Not measured";
                css = "status-none";
            }
            out.append("<tr><th>").append(escape(label)).append("</th><td class=\"num\">")
                    .append(escape(YearlyReportFormat.kpi(kpi.get("value"), unit))).append("</td><td class=\"num\">")
                    .append(escape(target(kpi, unit))).append("</td><td class=\"status ").append(css).append("\">")
                    .append(escape(status)).append("</td></tr>\n");
        }
        if (kpis.isEmpty()) {
            out.append("<tr><td colspan=\"4\" class=\"no-data\">No indicators in this report.</td></tr>\n");
        }
        out.append("</tbody></table>\n")
                .append("<p class=\"note\">Targets from the service management rules: satisfaction, service failure ")
                .append("rate, response time and complaint handling rate.</p>\n");

        out.append("<h3>At a glance</h3>\n<table class=\"tiles keep\">\n<tr>");
        tile(out, YearlyReportFormat.count(complaints.get("total")), "complaints registered");
        tile(out, YearlyReportFormat.percent(r.get("handlingRate")), "complaint handling rate (closed ÷ registered)");
        tile(out, YearlyReportFormat.decimal(timeToClose.get("medianHours")), "median hours to close");
        tile(out, YearlyReportFormat.count(complaints.get("companyResponsible")), "verified company-responsible");
        out.append("</tr>\n<tr>");
        tile(out, YearlyReportFormat.count(field.get("orders")), "service orders");
        tile(out, YearlyReportFormat.count(capa.get("opened")), "CAPAs opened");
        tile(out, YearlyReportFormat.count(satisfaction.get("customersSurveyed")), "customers surveyed");
        tile(out, YearlyReportFormat.decimal(satisfaction.get("mean")), "mean satisfaction score (of 100)");
        out.append("</tr>\n</table>\n</section>\n");
    }

    private static void complaints(StringBuilder out, Map<String, Object> r) {
        Map<String, Object> c = map(r.get("complaints"));
        Map<String, Object> returns = map(r.get("returns"));
        Map<String, Object> ttc = map(r.get("timeToClose"));
        section(out, 1, true);

        out.append("<table class=\"layout keep\"><tr><td class=\"half\">\n<h3>Overview</h3>\n");
        keyValues(out, new String[][]{
                {"Complaints registered", YearlyReportFormat.count(c.get("total"))},
                {"Closed", YearlyReportFormat.count(c.get("closed"))},
                {"Open", YearlyReportFormat.count(c.get("open"))},
                {"Rejected (invalid or duplicate)", YearlyReportFormat.count(c.get("rejected"))},
                {"Verified as company-responsible", YearlyReportFormat.count(c.get("companyResponsible"))},
                {"Handling rate (closed ÷ registered)", YearlyReportFormat.percent(r.get("handlingRate"))},
        });
        out.append("</td><td class=\"half\">\n<h3>Time to close</h3>\n");
        keyValues(out, new String[][]{
                {"Closed complaints measured", YearlyReportFormat.count(ttc.get("closed"))},
                {"Median (hours)", YearlyReportFormat.decimal(ttc.get("medianHours"))},
                {"90th percentile (hours)", YearlyReportFormat.decimal(ttc.get("p90Hours"))},
        });
        out.append("<h3>Product returns</h3>\n");
        keyValues(out, new String[][]{
                {"Complaints with a return", YearlyReportFormat.count(returns.get("count"))},
                {"Quantity returned", YearlyReportFormat.count(returns.get("quantity"))},
        });
        out.append("</td></tr></table>\n");

        Map<String, Object> byCategory = ordered(map(c.get("byCategory")), CATEGORIES, true);
        Map<String, Object> byChannel = ordered(map(c.get("byChannel")), CHANNELS, true);
        chartWithTable(out, "By category", "complaints-by-category", "Complaints by category", byCategory,
                "Category", "Complaints", height(byCategory.size()));
        chartWithTable(out, "By channel", "complaints-by-channel", "Complaints by channel", byChannel,
                "Channel", "Complaints", height(byChannel.size()));

        Map<String, Object> byRegion = ordered(map(c.get("byRegion")), REGIONS, false);
        Map<String, Object> bySeverity = ordered(map(c.get("bySeverity")), SEVERITIES, false);
        out.append("<table class=\"layout keep\"><tr><td class=\"half\">\n<h3>By region</h3>\n");
        chart(out, YearlyReportCharts.countPie("complaints-by-region", "Complaints by region", labelled(byRegion),
                300, 190));
        countTable(out, byRegion, "Region", "Complaints");
        out.append("</td><td class=\"half\">\n<h3>By severity</h3>\n");
        chart(out, YearlyReportCharts.countColumns("complaints-by-severity", "Complaints by severity",
                labelled(bySeverity), 300, 190, "Emergency"::equals));
        countTable(out, bySeverity, "Severity", "Complaints");
        out.append("</td></tr></table>\n</section>\n");
    }

    private static void clocks(StringBuilder out, Map<String, Object> r) {
        Map<String, Object> clocks = map(r.get("clocks"));
        section(out, 2, true);
        out.append("<p>Every complaint runs its SLA clocks from receipt; each clock ends on time, late, or ")
                .append("breached, or is still running. The on-time rate is per clock.</p>\n");

        Map<String, Object> ordered = ordered(clocks, new ArrayList<>(CLOCKS.keySet()), false);
        Map<String, Object> rates = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ordered.entrySet()) {
            rates.put(clockName(e.getKey()), map(e.getValue()).get("onTimeRate"));
        }
        out.append("<div class=\"keep\">\n");
        chart(out, YearlyReportCharts.rateBars("clocks-on-time", "On-time rate per SLA clock", rates, 640,
                40 + 38 * Math.max(rates.size(), 1)));
        out.append("</div>\n");

        out.append("<table class=\"data keep\">\n<thead><tr><th>Clock</th><th class=\"num\">On time</th>")
                .append("<th class=\"num\">Late</th><th class=\"num\">Breached</th><th class=\"num\">Running</th>")
                .append("<th class=\"num\">On-time rate</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Object> e : ordered.entrySet()) {
            Map<String, Object> clock = map(e.getValue());
            String description = CLOCK_DESCRIPTIONS.get(e.getKey());
            out.append("<tr><th>").append(escape(clockName(e.getKey())));
            if (description != null) {
                out.append("<br/><span class=\"code\">").append(escape(description)).append("</span>");
            }
            out.append("</th>");
            numberCell(out, YearlyReportFormat.count(clock.get("met")));
            numberCell(out, YearlyReportFormat.count(clock.get("metLate")));
            numberCell(out, YearlyReportFormat.count(clock.get("breached")));
            numberCell(out, YearlyReportFormat.count(clock.get("running")));
            numberCell(out, YearlyReportFormat.percent(clock.get("onTimeRate")));
            out.append("</tr>\n");
        }
        if (ordered.isEmpty()) {
            out.append("<tr><td colspan=\"6\" class=\"no-data\">No clocks in this report.</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void fieldService(StringBuilder out, Map<String, Object> r) {
        Map<String, Object> f = map(r.get("fieldService"));
        section(out, 3, false);
        out.append("<table class=\"layout keep\"><tr><td class=\"half\">\n");
        List<String[]> rows = new ArrayList<>(List.of(
                new String[]{"Service orders", YearlyReportFormat.count(f.get("orders"))},
                new String[]{"Completed", YearlyReportFormat.count(f.get("completed"))},
                new String[]{"Cancelled", YearlyReportFormat.count(f.get("cancelled"))},
                new String[]{"In warranty (free of charge)", YearlyReportFormat.count(f.get("inWarranty"))},
                new String[]{"Paid service", YearlyReportFormat.count(f.get("paid"))},
                new String[]{"First-visit fix rate", YearlyReportFormat.percent(f.get("firstVisitFixRate"))},
                new String[]{"Spare parts shipped", YearlyReportFormat.count(f.get("sparePartsShipped"))}));
        // not in the minimum shape of the API, shown when the query provides them
        if (f.containsKey("failed")) {
            rows.add(new String[]{"Service failures (not resolved, or late on site)",
                    YearlyReportFormat.count(f.get("failed"))});
        }
        if (f.containsKey("failureRate")) {
            rows.add(new String[]{"Service failure rate", YearlyReportFormat.percent(f.get("failureRate"))});
        }
        keyValues(out, rows.toArray(new String[0][]));
        out.append("</td><td class=\"half\">\n");
        Map<String, Object> warranty = new LinkedHashMap<>();
        warranty.put("In warranty", f.get("inWarranty"));
        warranty.put("Paid", f.get("paid"));
        chart(out, YearlyReportCharts.countPie("field-service-warranty", "Service orders in warranty and paid",
                warranty, 300, 180));
        out.append("</td></tr></table>\n</section>\n");
    }

    private static void capa(StringBuilder out, Map<String, Object> r) {
        Map<String, Object> capa = map(r.get("capa"));
        String zone = zone(r);
        section(out, 4, true);
        out.append("<table class=\"tiles keep\">\n<tr>");
        tile(out, YearlyReportFormat.count(capa.get("opened")), "opened");
        tile(out, YearlyReportFormat.count(capa.get("closed")), "closed");
        tile(out, YearlyReportFormat.count(capa.get("overdue")), "overdue");
        tile(out, YearlyReportFormat.count(capa.get("effectiveFirstCycle")), "effective in the first PDCA cycle");
        if (capa.containsKey("cancelled")) {
            tile(out, YearlyReportFormat.count(capa.get("cancelled")), "cancelled");
        }
        out.append("</tr>\n</table>\n");

        out.append("<h3>Top root causes</h3>\n");
        List<Object> causes = list(capa.get("topRootCauses"));
        if (causes.isEmpty()) {
            out.append("<p class=\"no-data\">No root cause recorded.</p>\n");
        } else {
            out.append("<table class=\"data\">\n<thead><tr><th>Root cause</th><th>Method</th>")
                    .append("<th class=\"num\">CAPAs</th></tr></thead>\n<tbody>\n");
            for (Object o : causes) {
                Map<String, Object> cause = map(o);
                out.append("<tr><td>").append(escape(text(cause.get("rootCause")))).append("</td><td>")
                        .append(escape(YearlyReportFormat.label(cause.get("method")))).append("</td>");
                numberCell(out, YearlyReportFormat.count(cause.get("count")));
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        }

        out.append("<h3>Improvement measures (closed CAPAs)</h3>\n");
        List<Object> improvements = list(r.get("improvements"));
        if (improvements.isEmpty()) {
            out.append("<p class=\"no-data\">No CAPA was closed in this period.</p>\n");
        }
        for (Object o : improvements) {
            Map<String, Object> imp = map(o);
            String id = text(imp.get("capaId"));
            // ids like "CAPA-2026-0001" name themselves; a bare UUID needs the word
            String heading = id.regionMatches(true, 0, "CAPA", 0, 4) ? id : "CAPA " + id;
            out.append("<div class=\"improvement\">\n<h4>").append(escape(heading))
                    .append("</h4>\n<table class=\"data\">\n<tbody>\n");
            row(out, "Problem", escape(text(imp.get("problemStatement"))));
            row(out, "Root cause", escape(text(imp.get("rootCause"))));
            row(out, "Actions", bullets(list(imp.get("actions"))));
            row(out, "Documents changed", bullets(list(imp.get("documents"))));
            row(out, "Closed", escape(YearlyReportFormat.date(imp.get("closedAt"), zone)));
            row(out, "Outcome", escape(YearlyReportFormat.label(imp.get("outcome"))));
            out.append("</tbody></table>\n</div>\n");
        }
        out.append("</section>\n");
    }

    private static void satisfaction(StringBuilder out, Map<String, Object> r) {
        Map<String, Object> s = map(r.get("satisfaction"));
        Map<String, Object> deductions = map(s.get("deductions"));
        section(out, 5, true);
        out.append("<table class=\"tiles keep\">\n<tr>");
        tile(out, YearlyReportFormat.count(s.get("customersSurveyed")), "customers surveyed");
        tile(out, YearlyReportFormat.decimal(s.get("mean")), "mean final score (of 100)");
        tile(out, YearlyReportFormat.percent(s.get("satisfiedRate")), "satisfied (final score ≥ 70)");
        tile(out, YearlyReportFormat.count(deductions.get("points")), "points deducted for complaints");
        out.append("</tr>\n</table>\n");

        Map<String, Object> distribution = map(s.get("distribution"));
        out.append("<h3>Distribution of final scores</h3>\n");
        out.append("<table class=\"layout keep\"><tr><td class=\"chart\">\n");
        chart(out, YearlyReportCharts.countColumns("satisfaction-distribution", "Customers by final score band",
                distribution, 400, 210, YearlyReportDocument::belowThreshold));
        out.append("</td><td class=\"figures\">\n");
        countTable(out, distribution, "Score band", "Customers");
        out.append("<p class=\"note\">Bands under 70, the threshold of basic satisfaction, are highlighted.</p>\n")
                .append("</td></tr></table>\n");

        out.append("<table class=\"layout\"><tr><td class=\"half\">\n<h3>Customers below 70</h3>\n");
        List<Object> below = list(s.get("below70"));
        if (below.isEmpty()) {
            out.append("<p class=\"no-data\">None.</p>\n");
        } else {
            out.append("<table class=\"data\">\n<thead><tr><th>Customer</th><th class=\"num\">Final score</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (Object o : below) {
                Map<String, Object> c = map(o);
                out.append("<tr><td>").append(escape(text(c.get("customerId")))).append("</td>");
                numberCell(out, YearlyReportFormat.decimal(c.get("finalScore")));
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        out.append("<h3>Complaint deductions</h3>\n");
        keyValues(out, new String[][]{
                {"Verified complaints deducted", YearlyReportFormat.count(deductions.get("count"))},
                {"Points deducted", YearlyReportFormat.count(deductions.get("points"))},
        });
        out.append("</td><td class=\"half\">\n<h3>Weakest survey items</h3>\n");
        List<Object> weakest = list(s.get("weakestItems"));
        if (weakest.isEmpty()) {
            out.append("<p class=\"no-data\">No survey answers.</p>\n");
        } else {
            out.append("<table class=\"data\">\n<thead><tr><th>Item</th><th class=\"num\">Points given</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (Object o : weakest) {
                Map<String, Object> item = map(o);
                out.append("<tr><td>").append(escape(text(item.get("name"))));
                if (item.get("code") != null) {
                    out.append(" <span class=\"code\">").append(escape(text(item.get("code")))).append("</span>");
                }
                out.append("</td>");
                numberCell(out, YearlyReportFormat.percent(item.get("share")));
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n<p class=\"note\">Points given: the mean share of the item's points the ")
                    .append("customers gave, from 0 % (very dissatisfied) to 100 % (very satisfied).</p>\n");
        }
        out.append("</td></tr></table>\n</section>\n");
    }

    private static void suggestions(StringBuilder out, Map<String, Object> r) {
        section(out, 6, false);
        List<Object> suggestions = list(r.get("suggestions"));
        if (suggestions.isEmpty()) {
            out.append("<p class=\"no-data\">No suggestions in the surveys of this period.</p>\n");
        } else {
            out.append("<p>Comments from the satisfaction surveys, as the customers wrote them.</p>\n")
                    .append("<table class=\"data\">\n<thead><tr><th>Customer</th><th>Year</th><th>Suggestion</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (Object o : suggestions) {
                Map<String, Object> s = map(o);
                out.append("<tr><td>").append(escape(text(s.get("customerId")))).append("</td><td>")
                        .append(escape(text(s.get("year")))).append("</td><td class=\"comment\">")
                        .append(escape(text(s.get("comments")))).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        out.append("</section>\n");
    }

    // ---------------------------------------------------------------- building blocks

    private static void section(StringBuilder out, int index, boolean newPage) {
        out.append("<section id=\"").append(SECTIONS[index][0]).append("\" class=\"")
                .append(newPage ? "new-page" : "follows").append("\">\n<h2>").append(escape(SECTIONS[index][1]))
                .append("</h2>\n");
    }

    private static void fact(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static void tile(StringBuilder out, String figure, String caption) {
        out.append("<td><div class=\"figure\">").append(escape(figure)).append("</div><div class=\"caption\">")
                .append(escape(caption)).append("</div></td>");
    }

    private static void keyValues(StringBuilder out, String[][] rows) {
        out.append("<table class=\"data\">\n<tbody>\n");
        for (String[] row : rows) {
            out.append("<tr><th>").append(escape(row[0])).append("</th>");
            numberCell(out, row[1]);
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void row(StringBuilder out, String name, String valueXhtml) {
        out.append("<tr><th>").append(escape(name)).append("</th><td>").append(valueXhtml).append("</td></tr>\n");
    }

    private static void numberCell(StringBuilder out, String formatted) {
        out.append("<td class=\"num\">").append(escape(formatted)).append("</td>");
    }

    private static String bullets(List<Object> items) {
        if (items.isEmpty()) {
            return YearlyReportFormat.NONE;
        }
        StringBuilder ul = new StringBuilder("<ul>");
        for (Object item : items) {
            ul.append("<li>").append(escape(text(item))).append("</li>");
        }
        return ul.append("</ul>").toString();
    }

    private static void chartWithTable(StringBuilder out, String heading, String id, String description,
                                       Map<String, Object> counts, String keyHeader, String valueHeader,
                                       int chartHeight) {
        out.append("<h3>").append(escape(heading)).append("</h3>\n")
                .append("<table class=\"layout keep\"><tr><td class=\"chart\">\n");
        chart(out, YearlyReportCharts.countBars(id, description, labelled(counts), 400, chartHeight));
        out.append("</td><td class=\"figures\">\n");
        countTable(out, counts, keyHeader, valueHeader);
        out.append("</td></tr></table>\n");
    }

    private static void chart(StringBuilder out, String svg) {
        if (svg == null) {
            out.append("<p class=\"no-data\">Nothing to chart.</p>\n");
        } else {
            out.append("<div class=\"chart\">").append(svg).append("</div>\n");
        }
    }

    private static void countTable(StringBuilder out, Map<String, Object> counts, String keyHeader,
                                   String valueHeader) {
        out.append("<table class=\"data\">\n<thead><tr><th>").append(escape(keyHeader))
                .append("</th><th class=\"num\">").append(escape(valueHeader)).append("</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Object> e : counts.entrySet()) {
            out.append("<tr><td>").append(escape(YearlyReportFormat.label(e.getKey()))).append("</td>");
            numberCell(out, YearlyReportFormat.count(e.getValue()));
            out.append("</tr>\n");
        }
        if (counts.isEmpty()) {
            out.append("<tr><td colspan=\"2\" class=\"no-data\">None.</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** Bar height for n horizontal bars: readable bars, not a page of empty space for a few. */
    private static int height(int bars) {
        return 30 + 30 * Math.max(bars, 1);
    }

    private static String target(Map<String, Object> kpi, String unit) {
        if (kpi.get("target") == null) {
            return YearlyReportFormat.NONE;
        }
        String comparator = YearlyReportFormat.comparator(kpi.get("comparator") == null ? null
                : kpi.get("comparator").toString());
        String value = YearlyReportFormat.kpi(kpi.get("target"), unit);
        return comparator.isEmpty() ? value : comparator + " " + value;
    }

    private static String period(Map<String, Object> r) {
        Object year = r.get("year");
        if (year == null) {
            return YearlyReportFormat.NONE;
        }
        String y = text(year);
        String period = y + "-01-01 to " + y + "-12-31";
        Object generatedAt = r.get("generatedAt");
        if (generatedAt != null) {
            ZonedDateTime at = YearlyReportFormat.instantOf(generatedAt).atZone(YearlyReportFormat.zoneOf(zone(r)));
            BigDecimal reportYear = YearlyReportFormat.decimalOf(year);
            if (reportYear != null && at.getYear() == reportYear.intValue()) {
                // a report of the running year: say so, or its figures read as a full year's
                period += " (year to date, as of " + YearlyReportFormat.date(generatedAt, zone(r)) + ")";
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

    private static String clockName(String key) {
        String name = CLOCKS.get(key);
        if (name != null) {
            return name;
        }
        // an unknown clock: "fooBar" → "Foo bar"
        String words = key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static final Pattern LOWER_BOUND = Pattern.compile("^\\s*(\\d+)");

    /** A score band such as "60-69" lies below the satisfaction threshold of 70. */
    private static boolean belowThreshold(String band) {
        Matcher m = LOWER_BOUND.matcher(band);
        return m.find() && Integer.parseInt(m.group(1)) < 70;
    }

    /**
     * The map's entries in a reader's order: by count, largest first (a Pareto view), or in the canonical order
     * of the codes (an ordered scale such as severity); codes the report adds later come after the known ones.
     */
    private static Map<String, Object> ordered(Map<String, Object> map, List<String> canonical, boolean byCount) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(map.entrySet());
        Comparator<Map.Entry<String, Object>> canonicalOrder = Comparator.comparingInt(e -> {
            int i = canonical.indexOf(e.getKey());
            return i < 0 ? canonical.size() : i;
        });
        if (byCount) {
            Comparator<Map.Entry<String, Object>> count = Comparator.comparing(
                    e -> YearlyReportFormat.decimalOf(e.getValue()), Comparator.nullsLast(Comparator.reverseOrder()));
            entries.sort(count.thenComparing(canonicalOrder));
        } else {
            entries.sort(canonicalOrder);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries) {
            result.put(e.getKey(), e.getValue());
        }
        return result;
    }

    /** The same entries keyed by the words the reader sees. */
    private static Map<String, Object> labelled(Map<String, Object> counts) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : counts.entrySet()) {
            result.put(YearlyReportFormat.label(e.getKey()), e.getValue());
        }
        return result;
    }

    // ---------------------------------------------------------------- values

    private static String zone(Map<String, Object> r) {
        Object zone = r.get("zone");
        return zone == null || zone.toString().isBlank() ? "UTC" : zone.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    private static String text(Object value) {
        return value == null ? YearlyReportFormat.NONE : value.toString();
    }

    /**
     * Text for XHTML content and attribute values: markup characters escaped, and the control characters XML
     * cannot carry at all dropped (a customer comment pasted from elsewhere must not break the document).
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '&':
                    b.append("&amp;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&#39;");
                    break;
                default:
                    if (ch >= 0x20 || ch == '\n' || ch == '\r' || ch == '\t') {
                        if (ch != 0xFFFE && ch != 0xFFFF) {
                            b.append(ch);
                        }
                    }
            }
        }
        return b.toString();
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
