package com.servicedesk.reporting.report;

/** CAPAs opened in the year, their top root causes, and the improvements closed effective. */
final class CapaSection extends ReportSection {
    CapaSection() {
        super("capa", "Corrective and preventive actions (CAPA)", true);
    }

    @Override
    public void render(Xhtml out, YearlyReport r) {
        YearlyReport.Capa capa = r.capa();
        out.section(this);
        out.append("<table class=\"tiles keep\">\n<tr>");
        out.tile(YearlyReportFormat.count(capa.opened()), "opened");
        out.tile(YearlyReportFormat.count(capa.closed()), "closed");
        out.tile(YearlyReportFormat.count(capa.overdue()), "overdue");
        out.tile(YearlyReportFormat.count(capa.effectiveFirstCycle()), "effective in the first PDCA cycle");
        out.tile(YearlyReportFormat.count(capa.cancelled()), "cancelled");
        out.append("</tr>\n</table>\n");

        out.append("<h3>Top root causes</h3>\n");
        if (capa.topRootCauses().isEmpty()) {
            out.append("<p class=\"no-data\">No root cause recorded.</p>\n");
        } else {
            out.append("<table class=\"data\">\n<thead><tr><th>Root cause</th><th>Method</th>")
                    .append("<th class=\"num\">CAPAs</th></tr></thead>\n<tbody>\n");
            for (YearlyReport.RootCause cause : capa.topRootCauses()) {
                out.append("<tr><td>").text(YearlyReportFormat.text(cause.rootCause())).append("</td><td>")
                        .text(YearlyReportFormat.label(cause.method())).append("</td>");
                out.numberCell(YearlyReportFormat.count(cause.count()));
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        }

        out.append("<h3>Improvement measures (closed CAPAs)</h3>\n");
        if (r.improvements().isEmpty()) {
            out.append("<p class=\"no-data\">No CAPA was closed in this period.</p>\n");
        }
        for (YearlyReport.Improvement improvement : r.improvements()) {
            String id = YearlyReportFormat.text(improvement.capaId());
            // ids like "CAPA-2026-0001" name themselves; a bare UUID needs the word
            String heading = id.regionMatches(true, 0, "CAPA", 0, 4) ? id : "CAPA " + id;
            out.append("<div class=\"improvement\">\n<h4>").text(heading).append("</h4>\n<table class=\"data\">\n<tbody>\n");
            out.row("Problem", Xhtml.escape(YearlyReportFormat.text(improvement.problemStatement())));
            out.row("Root cause", Xhtml.escape(YearlyReportFormat.text(improvement.rootCause())));
            out.row("Actions", Xhtml.bullets(improvement.actions()));
            out.row("Documents changed", Xhtml.bullets(improvement.documents()));
            out.row("Closed", Xhtml.escape(YearlyReportFormat.date(improvement.closedAt(), r.zone())));
            out.row("Outcome", Xhtml.escape(YearlyReportFormat.label(improvement.outcome())));
            out.append("</tbody></table>\n</div>\n");
        }
        out.append("</section>\n");
    }
}
