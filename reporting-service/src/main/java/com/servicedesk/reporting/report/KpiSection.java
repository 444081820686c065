package com.servicedesk.reporting.report;

import com.servicedesk.reporting.query.Kpi;

/** The KPIs against their targets, met or missed in words, and the year at a glance. */
final class KpiSection extends ReportSection {
    KpiSection() {
        super("kpis", "Key performance indicators", true);
    }

    @Override
    public void render(Xhtml out, YearlyReport r) {
        out.section(this);
        out.append("<table class=\"data kpis keep\">\n<thead><tr><th>Indicator</th><th class=\"num\">Result</th>")
                .append("<th class=\"num\">Target</th><th>Status</th></tr></thead>\n<tbody>\n");
        for (Kpi kpi : r.kpis()) {
            String label = kpi.label() != null ? kpi.label() : YearlyReportFormat.label(kpi.name());
            String status = kpi.met() == null ? "Not measured" : kpi.met() ? "✓ Met" : "✗ Missed";
            String css = kpi.met() == null ? "status-none" : kpi.met() ? "status-met" : "status-missed";
            out.append("<tr><th>").text(label).append("</th><td class=\"num\">")
                    .text(YearlyReportFormat.kpi(kpi.value(), kpi.unit())).append("</td><td class=\"num\">")
                    .text(target(kpi)).append("</td><td class=\"status ").append(css).append("\">")
                    .text(status).append("</td></tr>\n");
        }
        if (r.kpis().isEmpty()) {
            out.append("<tr><td colspan=\"4\" class=\"no-data\">No indicators in this report.</td></tr>\n");
        }
        out.append("</tbody></table>\n")
                .append("<p class=\"note\">Targets from the service management rules: satisfaction, service failure ")
                .append("rate, response time and complaint handling rate.</p>\n");

        out.append("<h3>At a glance</h3>\n<table class=\"tiles keep\">\n<tr>");
        out.tile(YearlyReportFormat.count(r.complaints().total()), "complaints registered");
        out.tile(YearlyReportFormat.percent(r.handlingRate()), "complaint handling rate (closed ÷ registered)");
        out.tile(YearlyReportFormat.decimal(r.timeToClose().medianHours()), "median hours to close");
        out.tile(YearlyReportFormat.count(r.complaints().companyResponsible()), "verified company-responsible");
        out.append("</tr>\n<tr>");
        out.tile(YearlyReportFormat.count(r.fieldService().orders()), "service orders");
        out.tile(YearlyReportFormat.count(r.capa().opened()), "CAPAs opened");
        out.tile(YearlyReportFormat.count(r.satisfaction().customersSurveyed()), "customers surveyed");
        out.tile(YearlyReportFormat.decimal(r.satisfaction().mean()), "mean satisfaction score (of 100)");
        out.append("</tr>\n</table>\n</section>\n");
    }

    private static String target(Kpi kpi) {
        String comparator = YearlyReportFormat.comparator(kpi.comparator());
        String value = YearlyReportFormat.kpi(kpi.target(), kpi.unit());
        return comparator.isEmpty() ? value : comparator + " " + value;
    }
}
