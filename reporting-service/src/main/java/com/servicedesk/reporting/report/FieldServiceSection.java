package com.servicedesk.reporting.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service orders of the year's complaints: counts, first-visit fix and failure rates, warranty against paid. */
final class FieldServiceSection extends ReportSection {
    FieldServiceSection() {
        super("field-service", "Field service", false);
    }

    @Override
    public void render(Xhtml out, YearlyReport r) {
        YearlyReport.FieldService f = r.fieldService();
        out.section(this);
        out.append("<table class=\"layout keep\"><tr><td class=\"half\">\n");
        out.keyValues(List.of(
                new String[]{"Service orders", YearlyReportFormat.count(f.orders())},
                new String[]{"Completed", YearlyReportFormat.count(f.completed())},
                new String[]{"Cancelled", YearlyReportFormat.count(f.cancelled())},
                new String[]{"In warranty (free of charge)", YearlyReportFormat.count(f.inWarranty())},
                new String[]{"Paid service", YearlyReportFormat.count(f.paid())},
                new String[]{"First-visit fix rate", YearlyReportFormat.percent(f.firstVisitFixRate())},
                new String[]{"Spare parts shipped", YearlyReportFormat.count(f.sparePartsShipped())},
                new String[]{"Service failures (not resolved, or late on site)", YearlyReportFormat.count(f.failed())},
                new String[]{"Service failure rate", YearlyReportFormat.percent(f.failureRate())}));
        out.append("</td><td class=\"half\">\n");
        Map<String, Object> warranty = new LinkedHashMap<>();
        warranty.put("In warranty", f.inWarranty());
        warranty.put("Paid", f.paid());
        out.chart(YearlyReportCharts.countPie("field-service-warranty", "Service orders in warranty and paid", warranty, 300, 180));
        out.append("</td></tr></table>\n</section>\n");
    }
}
