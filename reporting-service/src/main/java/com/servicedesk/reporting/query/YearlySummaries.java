package com.servicedesk.reporting.query;

import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.projection.SummaryDocuments;
import com.servicedesk.reporting.report.YearlyReport;
import org.bson.Document;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The yearly summaries the report reads instead of every complaint and order of a year: one document per year for all
 * customers ({@code _id} "2026|*") and one per customer and year ("2026|C-1"), kept current by the complaint story and
 * the service-order facts (docs/read-side.md, "Summaries"; docs/analysts-guide.md lists their fields).
 * <p>
 * What is decided here: a running clock is counted under its deadline rounded up to the second
 * ({@code runningByDue}), so the report tells breached from running at any instant (within that second); time to close
 * is counted in steps of 0.1 h ({@code hoursToClose}, keys "hours:minutes"), which the median and 90th percentile are
 * interpolated over.
 */
public final class YearlySummaries {
    public static final String COMPLAINTS = "report_yearly_complaints";
    public static final String SERVICE_ORDERS = "report_yearly_service_orders";
    private static final String ALL = "*";

    private YearlySummaries() {
    }

    /** The summary of {@code year}: for all customers when {@code customerId} is null. */
    public static String id(int year, String customerId) {
        return year + "|" + (customerId == null ? ALL : customerId);
    }

    /** What one complaint of the story adds to its year's summaries. */
    public static void complaint(Document complaint, SummaryDocuments.Contribution contribution) {
        int year = complaint.getInteger("receivedYear");
        String customerId = complaint.getString("customerId");
        for (SummaryDocuments.Counts counts : List.of(contribution.to(id(year, null), keys(year, null)),
                contribution.to(id(year, customerId), keys(year, customerId)))) {
            counts.add("complaints.total", 1)
                    .add("complaints.byCategory." + complaint.getString("category"), 1)
                    .add("complaints.byChannel." + complaint.getString("channel"), 1)
                    .add("complaints.byRegion." + complaint.getString("region"), 1)
                    .add("complaints.bySeverity." + complaint.getString("severity"), 1);
            String status = complaint.getString("status");
            boolean rejected = ComplaintStatus.REJECTED.name().equals(status);
            counts.add("complaints.companyResponsible", Boolean.TRUE.equals(complaint.getBoolean("companyResponsible")) ? 1 : 0)
                    .add("complaints.closed", ComplaintStatus.CLOSED.name().equals(status) ? 1 : 0)
                    .add("complaints.open", complaint.getBoolean("open") ? 1 : 0)
                    .add("complaints.rejected", rejected ? 1 : 0);
            for (Document returned : complaint.getList("returns", Document.class)) {
                counts.add("returns.count", 1).add("returns.quantity", returned.getInteger("quantity"));
            }
            // a rejected complaint owes no more acknowledgement or reply: its clocks count only if they had stopped
            Document clocks = complaint.get("clocks", Document.class);
            for (String name : List.of("acknowledge", "reply")) {
                Document clock = clocks.get(name, Document.class);
                if (!rejected || clock.get("outcome") != null) {
                    clock(counts, "clocks." + name, clock);
                }
            }
            // a cancelled visit owes no arrival: its clock counts only if the technician had arrived
            for (Document visit : complaint.getList("onSite", Document.class)) {
                if (visit.get("metAt") != null || !visit.getBoolean("cancelled", false)) {
                    clock(counts, "clocks.onSite", visit);
                }
            }
            Object hours = complaint.get("hoursToClose");
            if (hours != null) {
                counts.add("timeToClose.closed", 1).add("timeToClose.hours." + step(((Number) hours).doubleValue()), 1);
            }
        }
    }

    /** What one service order adds to the summaries of its complaint's year. */
    public static void serviceOrder(Document order, SummaryDocuments.Contribution contribution) {
        int year = order.getInteger("complaintYear");
        String customerId = order.getString("customerId");
        boolean completed = order.get("result") != null;
        boolean resolved = ServiceResult.RESOLVED.name().equals(order.getString("result"));
        boolean first = order.getBoolean("firstVisit");
        for (SummaryDocuments.Counts counts : List.of(contribution.to(id(year, null), keys(year, null)),
                contribution.to(id(year, customerId), keys(year, customerId)))) {
            counts.add("fieldService.orders", 1)
                    .add("fieldService.completed", completed ? 1 : 0)
                    .add("fieldService.cancelled", order.getBoolean("cancelled") ? 1 : 0)
                    .add("fieldService.inWarranty", Billing.IN_WARRANTY.name().equals(order.getString("billing")) ? 1 : 0)
                    .add("fieldService.paid", Billing.PAID.name().equals(order.getString("billing")) ? 1 : 0)
                    .add("fieldService.firstVisitCompleted", first && completed ? 1 : 0)
                    .add("fieldService.firstVisitFixed", first && resolved ? 1 : 0)
                    .add("fieldService.sparePartsShipped", order.getInteger("sparePartsShipped"))
                    .add("fieldService.failed", completed && (!resolved || Boolean.FALSE.equals(order.getBoolean("arrivedOnTime"))) ? 1 : 0);
            Document report = order.get("report", Document.class);
            if (report != null) {
                clock(counts, "clocks.report", report);
            }
        }
    }

    private static Document keys(int year, String customerId) {
        return new Document("year", year).append("customerId", customerId);
    }

    private static void clock(SummaryDocuments.Counts counts, String path, Document clock) {
        String outcome = clock.getString("outcome");
        if (ClockState.MET.name().equals(outcome)) {
            counts.add(path + ".met", 1);
        } else if (ClockState.MET_LATE.name().equals(outcome)) {
            counts.add(path + ".metLate", 1);
        } else {
            counts.add(path + ".runningByDue." + dueKey(clock.getDate("dueAt").toInstant()), 1);
        }
    }

    /** A deadline rounded up to the second, as a field name: "2026-03-01T10:15:31Z" (no dots, sorts by time). */
    static String dueKey(Instant dueAt) {
        Instant second = dueAt.truncatedTo(ChronoUnit.SECONDS);
        return (second.equals(dueAt) ? second : second.plusSeconds(1)).toString();
    }

    /** Hours to close in steps of 0.1 h, as "hours:minutes" ("72:00", "110:24"): no dots in a field name. */
    static String step(double hours) {
        long tenths = Math.round(hours * 10);
        return (tenths / 10) + ":" + String.format(java.util.Locale.ROOT, "%02d", (tenths % 10) * 6);
    }

    static double hours(String step) {
        String[] parts = step.split(":");
        return Long.parseLong(parts[0]) + Long.parseLong(parts[1]) / 60.0;
    }

    /**
     * One kind of clock of a summary as the report shows it at {@code now}: running clocks past their deadline are
     * breached, and the on-time rate is met on time ÷ (met + met late + breached).
     */
    static YearlyReport.Clock clock(Document clock, Instant now) {
        long breached = 0;
        long running = 0;
        if (clock != null) {
            for (Map.Entry<String, Object> due : clock.get("runningByDue", new Document()).entrySet()) {
                long n = ((Number) due.getValue()).longValue();
                if (now.isAfter(Instant.parse(due.getKey()))) {
                    breached += n;
                } else {
                    running += n;
                }
            }
        }
        long met = number(clock, "met");
        long metLate = number(clock, "metLate");
        return new YearlyReport.Clock(Kpis.ratio(met, met + metLate + breached), met, metLate, breached, running);
    }

    /** Hours to close per step (ascending) and how many complaints closed in it. */
    static TreeMap<Double, Long> hoursToClose(Document timeToClose) {
        TreeMap<Double, Long> steps = new TreeMap<>();
        if (timeToClose != null) {
            timeToClose.get("hours", new Document()).forEach((step, n) -> steps.merge(hours(step), ((Number) n).longValue(), Long::sum));
        }
        return steps;
    }

    /**
     * The spreadsheet PERCENTILE.INC of the values counted in {@code steps} (linear interpolation between closest
     * ranks), rounded to 2 places; read off the counts, so its cost follows the number of steps, not of values.
     */
    static Double percentile(TreeMap<Double, Long> steps, double p) {
        long total = steps.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double rank = p * (total - 1);
        double low = valueAt(steps, (long) Math.floor(rank));
        double high = valueAt(steps, (long) Math.ceil(rank));
        double value = low + (high - low) * (rank - Math.floor(rank));
        return Math.round(value * 100) / 100.0;
    }

    private static double valueAt(TreeMap<Double, Long> steps, long index) {
        long seen = 0;
        for (Map.Entry<Double, Long> step : steps.entrySet()) {
            seen += step.getValue();
            if (index < seen) {
                return step.getKey();
            }
        }
        throw new IllegalArgumentException("rank " + index + " beyond " + seen);
    }

    static long number(Document document, String field) {
        Object value = document == null ? null : document.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
