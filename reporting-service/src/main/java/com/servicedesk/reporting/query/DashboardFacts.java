package com.servicedesk.reporting.query;

import com.servicedesk.events.fieldservice.FieldServiceEvents;
import com.servicedesk.events.fieldservice.ServiceOrderCancelledEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintClassifiedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.IntakeEvents;
import com.servicedesk.events.satisfaction.SatisfactionEvents;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.events.satisfaction.ScorecardEvent;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.projection.EventRouter;
import com.servicedesk.reporting.query.DashboardFact.Kind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How one event changes the dashboard's facts of its aggregate: a pure function from the facts before to the facts
 * after, so the timeline and its tests share one statement of the rules, routed by the event's type.
 * <p>
 * Decided where DOMAIN.md is silent: a complaint's category is the latest known (registered, then classified, then the
 * confirmed category of its verification); a rejected complaint owes no more acknowledgement or reply, and a cancelled
 * visit no more arrival, so those running clocks leave the dashboard instead of breaching forever; a service order
 * failed the customer when the technician arrived late or the fault was not resolved.
 */
public final class DashboardFacts {
    /** The facts of one aggregate as one event changes them. */
    private record Change(Map<String, DashboardFact> facts, String aggregateId, Instant at, double atRiskFraction) {
        DashboardFact own(Kind kind, String event) {
            DashboardFact fact = facts.get(aggregateId);
            if (fact == null || fact.kind() != kind) {
                throw new IllegalStateException(aggregateId + " has no opening event before " + event);
            }
            return fact;
        }

        /** The complaint's fact with the status the event moves it to; every intake event may move it. */
        DashboardFact complaint(Object event) {
            DashboardFact complaint = own(Kind.COMPLAINT, event.getClass().getSimpleName());
            DashboardFact moved = complaint.withStatus(ComplaintStatus.valueOf(complaint.status()).after(event).name());
            facts.put(aggregateId, moved);
            return moved;
        }

        void update(String key, UnaryOperator<DashboardFact> change) {
            DashboardFact fact = facts.get(key);
            if (fact != null) {
                facts.put(key, change.apply(fact));
            }
        }

        void recategorize(String category) {
            facts.replaceAll((key, fact) -> fact.withCategory(category));
        }
    }

    private static final EventRouter<Change> ROUTER = EventRouter.<Change>create()
            .on(ComplaintRegisteredEvent.class, (c, e, envelope) -> registered(c, e))
            .on(ComplaintAcknowledgedEvent.class, (c, e, envelope) -> {
                String id = c.complaint(e).complaintId();
                c.update(id + "/ACKNOWLEDGE", clock -> clock.stoppedAt(c.at()));
            })
            .on(ComplaintRepliedEvent.class, (c, e, envelope) -> {
                String id = c.complaint(e).complaintId();
                c.update(id + "/REPLY", clock -> clock.stoppedAt(c.at()));
            })
            .on(ComplaintClassifiedEvent.class, (c, e, envelope) -> {
                c.complaint(e);
                c.recategorize(e.category().name());
            })
            .on(ComplaintVerifiedEvent.class, (c, e, envelope) -> {
                c.complaint(e);
                c.recategorize(e.confirmedCategory().name());
            })
            .on(ComplaintVerificationChangedEvent.class, (c, e, envelope) -> {
                c.complaint(e);
                c.recategorize(e.confirmedCategory().name());
            })
            .on(FieldServiceRequestedEvent.class, (c, e, envelope) -> {
                DashboardFact complaint = c.complaint(e);
                String key = complaint.complaintId() + "/ON_SITE/" + e.requestId();
                c.facts().put(key, DashboardFact.clock(key, Kind.ON_SITE, complaint.complaintId(), null, complaint.region(),
                        complaint.category(), e.receivedAt(), e.onSiteDueAt(), c.atRiskFraction()));
            })
            .on(FieldServiceArrivalRecordedEvent.class, (c, e, envelope) -> {
                String id = c.complaint(e).complaintId();
                c.update(id + "/ON_SITE/" + e.requestId(), clock -> clock.stoppedAt(e.arrivedAt()));
            })
            .on(FieldServiceFinishedEvent.class, (c, e, envelope) -> {
                DashboardFact clock = c.facts().get(c.complaint(e).complaintId() + "/ON_SITE/" + e.requestId());
                if (e.cancelled() && clock != null && clock.stoppedAt() == null) {
                    c.facts().remove(clock.key());
                }
            })
            .on(ComplaintRejectedEvent.class, (c, e, envelope) -> {
                c.complaint(e);
                c.facts().values().removeIf(fact -> fact.kind().isClock() && fact.stoppedAt() == null);
            })
            // the other intake events move the status only
            .onAnyOther(IntakeEvents.PUBLISHED, (c, e, envelope) -> c.complaint(e))
            .on(ServiceOrderOpenedEvent.class, (c, e, envelope) -> c.facts().put(e.serviceOrderId(),
                    new DashboardFact(e.serviceOrderId(), Kind.SERVICE_ORDER, e.complaintId(), e.serviceOrderId(),
                            e.region().name(), e.category().name(), "OPEN", false, null, null, null, null, null)))
            .on(TechnicianArrivedEvent.class, (c, e, envelope) ->
                    c.facts().put(c.aggregateId(), order(c, e).withLate(!e.onTime())))
            .on(ServiceOrderCompletedEvent.class, DashboardFacts::completed)
            .on(ServiceReportSubmittedEvent.class, (c, e, envelope) -> c.update(order(c, e).serviceOrderId() + "/REPORT",
                    clock -> clock.stoppedAt(c.at())))
            .on(ServiceOrderCancelledEvent.class, (c, e, envelope) ->
                    c.facts().put(c.aggregateId(), order(c, e).withStatus("CANCELLED")))
            // the other field-service events change no fact of the dashboard
            .onAnyOther(FieldServiceEvents.PUBLISHED, (c, e, envelope) -> order(c, e))
            .onAnyOther(SatisfactionEvents.PUBLISHED, (c, e, envelope) -> scorecard(c, (ScorecardEvent) e));

    private DashboardFacts() {
    }

    /** The event types that may change a fact: every published event of intake, field service and satisfaction. */
    public static Set<Class<?>> handledTypes() {
        return ROUTER.handledTypes();
    }

    public static Map<String, DashboardFact> next(Map<String, DashboardFact> current, PublishedEvent event, double atRiskFraction) {
        Change change = new Change(new LinkedHashMap<>(current), event.aggregateId(), event.occurredAt(), atRiskFraction);
        ROUTER.route(change, event);
        return change.facts();
    }

    private static void registered(Change c, ComplaintRegisteredEvent e) {
        String id = e.complaintId();
        c.facts().put(id, new DashboardFact(id, Kind.COMPLAINT, id, null, e.region().name(), e.category().name(),
                ComplaintStatus.REGISTERED.name(), null, null, e.receivedAt(), null, null, null));
        c.facts().put(id + "/ACKNOWLEDGE", DashboardFact.clock(id + "/ACKNOWLEDGE", Kind.ACKNOWLEDGE, id, null,
                e.region().name(), e.category().name(), e.receivedAt(), e.acknowledgeDueAt(), c.atRiskFraction()));
        c.facts().put(id + "/REPLY", DashboardFact.clock(id + "/REPLY", Kind.REPLY, id, null,
                e.region().name(), e.category().name(), e.receivedAt(), e.replyDueAt(), c.atRiskFraction()));
    }

    private static DashboardFact order(Change c, Object event) {
        return c.own(Kind.SERVICE_ORDER, event.getClass().getSimpleName());
    }

    private static void completed(Change c, ServiceOrderCompletedEvent e, PublishedEvent envelope) {
        DashboardFact order = order(c, e);
        String id = order.serviceOrderId();
        boolean failed = Boolean.TRUE.equals(order.late()) || e.result() != ServiceResult.RESOLVED;
        c.facts().put(id, order.withStatus(failed ? "FAILED" : "OK"));
        c.facts().put(id + "/REPORT", DashboardFact.clock(id + "/REPORT", Kind.REPORT, order.complaintId(), id,
                order.region(), order.category(), e.completedAt(), e.reportDueAt(), c.atRiskFraction()));
    }

    private static void scorecard(Change c, ScorecardEvent event) {
        Score score = event.score();
        if (score == null || score.satisfied() == null) {
            c.facts().remove(c.aggregateId()); // a deduction before any survey: not surveyed yet
            return;
        }
        c.facts().put(c.aggregateId(), new DashboardFact(c.aggregateId(), Kind.SCORECARD, null, null, null, null,
                score.satisfied() ? "SATISFIED" : "UNSATISFIED", null, event.year(), null, null, null, null));
    }
}
