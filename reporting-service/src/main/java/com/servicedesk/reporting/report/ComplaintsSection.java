package com.servicedesk.reporting.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The year's complaints: overview, time to close, returns, and by category, channel, region and severity. */
final class ComplaintsSection extends ReportSection {
    ComplaintsSection() {
        super("complaints", "Complaints", true);
    }

    @Override
    public void render(Xhtml out, YearlyReport r) {
        YearlyReport.Complaints c = r.complaints();
        YearlyReport.TimeToClose ttc = r.timeToClose();
        out.section(this);
        out.append("<table class=\"layout keep\"><tr><td class=\"half\">\n<h3>Overview</h3>\n");
        out.keyValues(List.of(
                new String[]{"Complaints registered", YearlyReportFormat.count(c.total())},
                new String[]{"Closed", YearlyReportFormat.count(c.closed())},
                new String[]{"Open", YearlyReportFormat.count(c.open())},
                new String[]{"Rejected (invalid or duplicate)", YearlyReportFormat.count(c.rejected())},
                new String[]{"Verified as company-responsible", YearlyReportFormat.count(c.companyResponsible())},
                new String[]{"Handling rate (closed ÷ registered)", YearlyReportFormat.percent(r.handlingRate())}));
        out.append("</td><td class=\"half\">\n<h3>Time to close</h3>\n");
        out.keyValues(List.of(
                new String[]{"Closed complaints measured", YearlyReportFormat.count(ttc.closed())},
                new String[]{"Median (hours)", YearlyReportFormat.decimal(ttc.medianHours())},
                new String[]{"90th percentile (hours)", YearlyReportFormat.decimal(ttc.p90Hours())}));
        out.append("<h3>Product returns</h3>\n");
        out.keyValues(List.of(
                new String[]{"Complaints with a return", YearlyReportFormat.count(r.returns().count())},
                new String[]{"Quantity returned", YearlyReportFormat.count(r.returns().quantity())}));
        out.append("</td></tr></table>\n");

        out.chartWithTable("By category", "complaints-by-category", "Complaints by category", largestFirst(c.byCategory()),
                "Category", "Complaints");
        out.chartWithTable("By channel", "complaints-by-channel", "Complaints by channel", largestFirst(c.byChannel()),
                "Channel", "Complaints");

        out.append("<table class=\"layout keep\"><tr><td class=\"half\">\n<h3>By region</h3>\n");
        out.chart(YearlyReportCharts.countPie("complaints-by-region", "Complaints by region", Xhtml.labelled(c.byRegion()), 300, 190));
        out.countTable(c.byRegion(), "Region", "Complaints");
        out.append("</td><td class=\"half\">\n<h3>By severity</h3>\n");
        out.chart(YearlyReportCharts.countColumns("complaints-by-severity", "Complaints by severity",
                Xhtml.labelled(c.bySeverity()), 300, 190, "Emergency"::equals));
        out.countTable(c.bySeverity(), "Severity", "Complaints");
        out.append("</td></tr></table>\n</section>\n");
    }

    /** A Pareto view: largest count first, ties in the codes' own order (the report lists codes in enum order). */
    private static Map<String, Long> largestFirst(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> sorted = new LinkedHashMap<>();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
