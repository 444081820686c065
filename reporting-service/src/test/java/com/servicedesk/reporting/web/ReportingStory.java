package com.servicedesk.reporting.web;

import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.fieldservice.SparePartShippedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceLinkedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.ProductReturnRecordedEvent;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.ReplyMethod;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.events.quality.CapaActionCompletedEvent;
import com.servicedesk.events.quality.CapaActionOverdueEvent;
import com.servicedesk.events.quality.CapaActionPlannedEvent;
import com.servicedesk.events.quality.CapaActionType;
import com.servicedesk.events.quality.CapaClosedEvent;
import com.servicedesk.events.quality.CapaCycleStartedEvent;
import com.servicedesk.events.quality.CapaDecidedEvent;
import com.servicedesk.events.quality.CapaOpenedEvent;
import com.servicedesk.events.quality.CapaOutcome;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.events.quality.CapaStandardizedEvent;
import com.servicedesk.events.quality.EffectivenessCheckedEvent;
import com.servicedesk.events.quality.RootCauseIdentifiedEvent;
import com.servicedesk.events.quality.RootCauseMethod;
import com.servicedesk.events.satisfaction.DeductionAppliedEvent;
import com.servicedesk.events.satisfaction.DeductionReversedEvent;
import com.servicedesk.events.satisfaction.ItemScore;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import com.servicedesk.platform.testing.ForeignEvents;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripted year of the reporting test, published as the four services' relays would publish it, each event
 * recorded at the business time it describes. The expected answers are worked out by hand in the test.
 */
final class ReportingStory {
    private final ForeignEvents events;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, Instant> received = new HashMap<>();

    ReportingStory(ForeignEvents events) {
        this.events = events;
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private void publish(Instant recordedAt, String topic, String type, String id, Object payload, String correlation) throws Exception {
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        events.publishAt(recordedAt, topic, type, id, sequence, payload, correlation);
    }

    void complaint(String id, String customer, Channel channel, ComplaintCategory category, Severity severity, Region region,
                   Instant receivedAt) throws Exception {
        received.put(id, receivedAt);
        publish(receivedAt, Topics.COMPLAINT, "Complaint", id, new ComplaintRegisteredEvent(id, customer, customer + " Ltd",
                new Contact("Li", null, "li@example.com"), channel, "P-40", "SN-" + id, LocalDate.parse("2024-06-01"),
                category, severity, region, "story complaint " + id, receivedAt, null,
                receivedAt.plus(Duration.ofHours(24)), receivedAt.plus(Duration.ofHours(48))), id);
    }

    void acknowledged(String id, double hoursAfterReceipt) throws Exception {
        publish(after(id, hoursAfterReceipt), Topics.COMPLAINT, "Complaint", id, new ComplaintAcknowledgedEvent(id, "called back"), id);
    }

    void replied(String id, double hoursAfterReceipt) throws Exception {
        publish(after(id, hoursAfterReceipt), Topics.COMPLAINT, "Complaint", id, new ComplaintRepliedEvent(id, ReplyMethod.PHONE, "done"), id);
    }

    void verified(String id, String customer, boolean responsible, ComplaintCategory category, double hours) throws Exception {
        publish(after(id, hours), Topics.COMPLAINT, "Complaint", id,
                new ComplaintVerifiedEvent(id, customer, received.get(id), responsible, category, "findings"), id);
    }

    void returned(String id, int quantity, double hours) throws Exception {
        publish(after(id, hours), Topics.COMPLAINT, "Complaint", id,
                new ProductReturnRecordedEvent(id, id + "-R" + quantity, quantity, "leaking"), id);
    }

    void closed(String id, double hours) throws Exception {
        publish(after(id, hours), Topics.COMPLAINT, "Complaint", id, new ComplaintClosedEvent(id, "resolved"), id);
    }

    void rejected(String id, double hours) throws Exception {
        publish(after(id, hours), Topics.COMPLAINT, "Complaint", id, new ComplaintRejectedEvent(id, "duplicate"), id);
    }

    /**
     * A whole visit: requested, order opened and linked, arrival, fault verification, parts, completion, report (or
     * none), all in hours after the complaint's receipt.
     */
    void visit(String complaint, String order, String customer, Region region, ComplaintCategory category, double requested,
               double onSiteDueHours, double arrived, Billing billing, int parts, ServiceResult result, double completed,
               Double reportAfterCompletion) throws Exception {
        Instant receivedAt = received.get(complaint);
        String request = order + "-request";
        Instant onSiteDue = receivedAt.plus(hours(onSiteDueHours));
        Instant arrivedAt = receivedAt.plus(hours(arrived));
        Instant completedAt = receivedAt.plus(hours(completed));
        Instant reportDue = completedAt.plus(Duration.ofHours(48));
        Contact contact = new Contact("Li", null, "li@example.com");
        publish(after(complaint, requested), Topics.COMPLAINT, "Complaint", complaint, new FieldServiceRequestedEvent(complaint,
                request, "on site", customer, customer + " Ltd", contact, "P-40", "SN", LocalDate.parse("2024-06-01"), region,
                category, Severity.MEDIUM, receivedAt, onSiteDue), complaint);
        publish(after(complaint, requested), Topics.SERVICE_ORDER, "ServiceOrder", order, new ServiceOrderOpenedEvent(order,
                complaint, request, "on site", customer, customer + " Ltd", contact, "P-40", "SN", LocalDate.parse("2024-06-01"),
                region, category, Severity.MEDIUM, receivedAt, onSiteDue), complaint);
        publish(after(complaint, requested), Topics.COMPLAINT, "Complaint", complaint, new FieldServiceLinkedEvent(complaint, request, order), complaint);
        publish(arrivedAt, Topics.SERVICE_ORDER, "ServiceOrder", order, new TechnicianArrivedEvent(order, complaint, request, "tom",
                region, arrivedAt, onSiteDue, !arrivedAt.isAfter(onSiteDue)), complaint);
        publish(arrivedAt, Topics.COMPLAINT, "Complaint", complaint, new FieldServiceArrivalRecordedEvent(complaint, request, order,
                arrivedAt, onSiteDue), complaint);
        publish(arrivedAt.plusSeconds(600), Topics.SERVICE_ORDER, "ServiceOrder", order, new FaultVerifiedEvent(order, complaint, true,
                "seal", FaultCause.PRODUCT_DEFECT, "Mr Li", LocalDate.parse("2024-06-01"), LocalDate.parse("2025-05-31"), billing, "rule"), complaint);
        if (parts > 0) {
            publish(arrivedAt.plusSeconds(1200), Topics.SERVICE_ORDER, "ServiceOrder", order, new SparePartShippedEvent(order, complaint,
                    order + "-part", "SEAL-9", parts, "SF", "T1"), complaint);
        }
        publish(completedAt, Topics.SERVICE_ORDER, "ServiceOrder", order, new ServiceOrderCompletedEvent(order, complaint, request,
                "work", result, completedAt, reportDue), complaint);
        publish(completedAt, Topics.COMPLAINT, "Complaint", complaint, new FieldServiceFinishedEvent(complaint, request, order, false, result), complaint);
        if (reportAfterCompletion != null) {
            Instant submitted = completedAt.plus(hours(reportAfterCompletion));
            publish(submitted, Topics.SERVICE_ORDER, "ServiceOrder", order, new ServiceReportSubmittedEvent(order, complaint, customer,
                    "P-40", "SN", true, FaultCause.PRODUCT_DEFECT, "summary", null, reportDue, submitted.isAfter(reportDue)), complaint);
        }
    }

    void capaOpened(String capa, CapaSource source, String complaint, Instant at) throws Exception {
        publish(at, Topics.CAPA, "Capa", capa, new CapaOpenedEvent(capa, source, complaint == null ? capa : complaint, complaint,
                "problem of " + capa), complaint == null ? capa : complaint);
        publish(at.plusSeconds(60), Topics.CAPA, "Capa", capa, new CapaDecidedEvent(capa, true, "needed"), complaint == null ? capa : complaint);
    }

    void capaEvent(String capa, Instant at, Object payload) throws Exception {
        publish(at, Topics.CAPA, "Capa", capa, payload, capa);
    }

    void rootCause(String capa, int cycle, String cause, Instant at) throws Exception {
        capaEvent(capa, at, new RootCauseIdentifiedEvent(capa, cycle, RootCauseMethod.FIVE_WHYS, cause, List.of("supplier")));
    }

    void action(String capa, String action, int cycle, Instant due, Instant at) throws Exception {
        capaEvent(capa, at, new CapaActionPlannedEvent(capa, action, cycle, CapaActionType.CORRECTIVE, "fix " + action, "quinn",
                LocalDate.ofInstant(due, java.time.ZoneOffset.UTC), due));
    }

    void actionCompleted(String capa, String action, int cycle, boolean late, Instant at) throws Exception {
        capaEvent(capa, at, new CapaActionCompletedEvent(capa, action, cycle, "evidence", late));
    }

    void actionOverdue(String capa, String action, int cycle, Instant due) throws Exception {
        capaEvent(capa, due.plusSeconds(5), new CapaActionOverdueEvent(capa, action, cycle, "quinn", due));
    }

    void checked(String capa, int cycle, boolean effective, Instant at) throws Exception {
        capaEvent(capa, at, new EffectivenessCheckedEvent(capa, cycle, effective, "audit"));
        if (!effective) {
            capaEvent(capa, at.plusSeconds(1), new CapaCycleStartedEvent(capa, cycle + 1));
        }
    }

    void standardizedAndClosed(String capa, List<String> documents, Instant at) throws Exception {
        capaEvent(capa, at, new CapaStandardizedEvent(capa, 1, documents));
        capaEvent(capa, at.plusSeconds(60), new CapaClosedEvent(capa, CapaOutcome.EFFECTIVE, 1));
    }

    /** A survey with two items (reporting never checks the item list: satisfaction did), and its resulting score. */
    void survey(String customer, int year, String quality, String spareParts, String base, int deductions, String fin,
                boolean satisfied, String comments, Instant at) throws Exception {
        String card = customer + ":" + year;
        publish(at, Topics.SCORECARD, "Scorecard", card, new SurveyResponseRecordedEvent(card, customer, year, card + "-s", at,
                List.of(new ItemScore("PRODUCT_QUALITY", "Product quality", 10, "X", BigDecimal.ONE, new BigDecimal(quality)),
                        new ItemScore("SPARE_PARTS", "Spare-parts availability", 7, "X", BigDecimal.ONE, new BigDecimal(spareParts))),
                new BigDecimal(base), comments, true,
                new Score(new BigDecimal(base), deductions, new BigDecimal(fin), satisfied)), customer);
    }

    void deduction(String customer, int year, String complaint, ComplaintCategory category, int points, Score score, Instant at) throws Exception {
        String card = customer + ":" + year;
        publish(at, Topics.SCORECARD, "Scorecard", card, new DeductionAppliedEvent(card, customer, year, complaint, category, points, 3, score), complaint);
    }

    void deductionReversed(String customer, int year, String complaint, ComplaintCategory category, int points, Score score, Instant at) throws Exception {
        String card = customer + ":" + year;
        publish(at, Topics.SCORECARD, "Scorecard", card, new DeductionReversedEvent(card, customer, year, complaint, category, points, 4, score), complaint);
    }

    private Instant after(String complaint, double hours) {
        return received.get(complaint).plus(hours(hours));
    }

    private static Duration hours(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }
}
