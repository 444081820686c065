package com.servicedesk.reporting.report;

/** The customers' comments from the year's surveys, as they wrote them. */
final class SuggestionsSection extends ReportSection {
    SuggestionsSection() {
        super("suggestions", "Customer suggestions", false);
    }

    @Override
    public void render(Xhtml out, YearlyReport r) {
        out.section(this);
        if (r.suggestions().isEmpty()) {
            out.append("<p class=\"no-data\">No suggestions in the surveys of this period.</p>\n");
        } else {
            out.append("<p>Comments from the satisfaction surveys, as the customers wrote them.</p>\n")
                    .append("<table class=\"data\">\n<thead><tr><th>Customer</th><th>Year</th><th>Suggestion</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (YearlyReport.Suggestion s : r.suggestions()) {
                out.append("<tr><td>").text(YearlyReportFormat.text(s.customerId())).append("</td><td>")
                        .text(String.valueOf(s.year())).append("</td><td class=\"comment\">")
                        .text(YearlyReportFormat.text(s.comments())).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        out.append("</section>\n");
    }
}
