package com.servicedesk.reporting.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The SLA clocks: on-time rate per clock, drawn and tabled. */
final class ClocksSection extends ReportSection {
    ClocksSection() {
        super("clocks", "SLA clocks", true);
    }

    @Override
    public void render(Xhtml out, YearlyReport r) {
        YearlyReport.Clocks c = r.clocks();
        Map<String[], YearlyReport.Clock> clocks = new LinkedHashMap<>();
        clocks.put(new String[]{"Acknowledge", "first response after the complaint is received"}, c.acknowledge());
        clocks.put(new String[]{"Reply to customer", "reply to the customer"}, c.reply());
        clocks.put(new String[]{"Technician on site", "technician on site, when field service is requested"}, c.onSite());
        clocks.put(new String[]{"Service report", "service report submitted after the service is completed"}, c.report());

        out.section(this);
        out.append("<p>Every complaint runs its SLA clocks from receipt; each clock ends on time, late, or ")
                .append("breached, or is still running. The on-time rate is per clock.</p>\n");
        Map<String, Object> rates = new LinkedHashMap<>();
        clocks.forEach((name, clock) -> rates.put(name[0], clock.onTimeRate()));
        out.append("<div class=\"keep\">\n");
        out.chart(YearlyReportCharts.rateBars("clocks-on-time", "On-time rate per SLA clock", rates, 640, 40 + 38 * rates.size()));
        out.append("</div>\n");

        out.append("<table class=\"data keep\">\n<thead><tr><th>Clock</th><th class=\"num\">On time</th>")
                .append("<th class=\"num\">Late</th><th class=\"num\">Breached</th><th class=\"num\">Running</th>")
                .append("<th class=\"num\">On-time rate</th></tr></thead>\n<tbody>\n");
        clocks.forEach((name, clock) -> {
            out.append("<tr><th>").text(name[0]).append("<br/><span class=\"code\">").text(name[1]).append("</span></th>");
            out.numberCell(YearlyReportFormat.count(clock.met()));
            out.numberCell(YearlyReportFormat.count(clock.metLate()));
            out.numberCell(YearlyReportFormat.count(clock.breached()));
            out.numberCell(YearlyReportFormat.count(clock.running()));
            out.numberCell(YearlyReportFormat.percent(clock.onTimeRate()));
            out.append("</tr>\n");
        });
        out.append("</tbody></table>\n</section>\n");
    }
}
