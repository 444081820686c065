package com.servicedesk.reporting.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The year's satisfaction: scores, their distribution, the customers below 70, deductions and the weakest items. */
final class SatisfactionSection extends ReportSection {
    private static final Pattern LOWER_BOUND = Pattern.compile("^\\s*(\\d+)");

    SatisfactionSection() {
        super("satisfaction", "Customer satisfaction", true);
    }

    @Override
    public void render(Xhtml out, YearlyReport r) {
        YearlyReport.Satisfaction s = r.satisfaction();
        out.section(this);
        out.append("<table class=\"tiles keep\">\n<tr>");
        out.tile(YearlyReportFormat.count(s.customersSurveyed()), "customers surveyed");
        out.tile(YearlyReportFormat.decimal(s.mean()), "mean final score (of 100)");
        out.tile(YearlyReportFormat.percent(s.satisfiedRate()), "satisfied (final score ≥ 70)");
        out.tile(YearlyReportFormat.count(s.deductions().points()), "points deducted for complaints");
        out.append("</tr>\n</table>\n");

        out.append("<h3>Distribution of final scores</h3>\n");
        out.append("<table class=\"layout keep\"><tr><td class=\"chart\">\n");
        out.chart(YearlyReportCharts.countColumns("satisfaction-distribution", "Customers by final score band",
                s.distribution(), 400, 210, SatisfactionSection::belowThreshold));
        out.append("</td><td class=\"figures\">\n");
        out.countTable(s.distribution(), "Score band", "Customers");
        out.append("<p class=\"note\">Bands under 70, the threshold of basic satisfaction, are highlighted.</p>\n")
                .append("</td></tr></table>\n");

        out.append("<table class=\"layout\"><tr><td class=\"half\">\n<h3>Customers below 70</h3>\n");
        if (s.below70().isEmpty()) {
            out.append("<p class=\"no-data\">None.</p>\n");
        } else {
            out.append("<table class=\"data\">\n<thead><tr><th>Customer</th><th class=\"num\">Final score</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (YearlyReport.CustomerScore customer : s.below70()) {
                out.append("<tr><td>").text(YearlyReportFormat.text(customer.customerId())).append("</td>");
                out.numberCell(YearlyReportFormat.decimal(customer.finalScore()));
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        out.append("<h3>Complaint deductions</h3>\n");
        out.keyValues(java.util.List.of(
                new String[]{"Verified complaints deducted", YearlyReportFormat.count(s.deductions().count())},
                new String[]{"Points deducted", YearlyReportFormat.count(s.deductions().points())}));
        out.append("</td><td class=\"half\">\n<h3>Weakest survey items</h3>\n");
        if (s.weakestItems().isEmpty()) {
            out.append("<p class=\"no-data\">No survey answers.</p>\n");
        } else {
            out.append("<table class=\"data\">\n<thead><tr><th>Item</th><th class=\"num\">Points given</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (YearlyReport.WeakItem item : s.weakestItems()) {
                out.append("<tr><td>").text(YearlyReportFormat.text(item.name()));
                if (item.code() != null) {
                    out.append(" <span class=\"code\">").text(item.code()).append("</span>");
                }
                out.append("</td>");
                out.numberCell(YearlyReportFormat.percent(item.share()));
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n<p class=\"note\">Points given: the mean share of the item's points the ")
                    .append("customers gave, from 0 % (very dissatisfied) to 100 % (very satisfied).</p>\n");
        }
        out.append("</td></tr></table>\n</section>\n");
    }

    /** A score band such as "60-69" lies below the satisfaction threshold of 70. */
    private static boolean belowThreshold(String band) {
        Matcher m = LOWER_BOUND.matcher(band);
        return m.find() && Integer.parseInt(m.group(1)) < 70;
    }
}
