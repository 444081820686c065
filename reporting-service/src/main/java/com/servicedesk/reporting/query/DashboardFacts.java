package com.servicedesk.reporting.query;

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
import com.servicedesk.events.satisfaction.ScorecardEvent;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.reporting.query.DashboardFact.Kind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How one event changes the dashboard's facts of its aggregate: a pure function from the facts before to the facts
 * after, so the timeline and its tests share one statement of the rules.
 * <p>
 * Decided where DOMAIN.md is silent: a complaint's category is the latest known (registered, then classified, then the
 * confirmed category of its verification); a rejected complaint owes no more acknowledgement or reply, and a cancelled
 * visit no more arrival, so those running clocks leave the dashboard instead of breaching forever; a service order
 * failed the customer when the technician arrived late or the fault was not resolved.
 */
public final class DashboardFacts {
    private DashboardFacts() {
    }

    public static Map<String, DashboardFact> next(Map<String, DashboardFact> current, String aggregateId, Object event,
                                                  Instant at, double atRiskFraction) {
        Map<String, DashboardFact> facts = new LinkedHashMap<>(current);
        if (event instanceof ComplaintRegisteredEvent) {
            ComplaintRegisteredEvent e = (ComplaintRegisteredEvent) event;
            String id = e.complaintId();
            facts.put(id, new DashboardFact(id, Kind.COMPLAINT, id, null, e.region().name(), e.category().name(),
                    ComplaintStatus.REGISTERED.name(), null, null, e.receivedAt(), null, null, null));
            facts.put(id + "/ACKNOWLEDGE", DashboardFact.clock(id + "/ACKNOWLEDGE", Kind.ACKNOWLEDGE, id, null,
                    e.region().name(), e.category().name(), e.receivedAt(), e.acknowledgeDueAt(), atRiskFraction));
            facts.put(id + "/REPLY", DashboardFact.clock(id + "/REPLY", Kind.REPLY, id, null,
                    e.region().name(), e.category().name(), e.receivedAt(), e.replyDueAt(), atRiskFraction));
            return facts;
        }
        if (event instanceof ServiceOrderOpenedEvent) {
            ServiceOrderOpenedEvent e = (ServiceOrderOpenedEvent) event;
            facts.put(e.serviceOrderId(), new DashboardFact(e.serviceOrderId(), Kind.SERVICE_ORDER, e.complaintId(),
                    e.serviceOrderId(), e.region().name(), e.category().name(), "OPEN", false, null,
                    null, null, null, null));
            return facts;
        }
        if (event instanceof ScorecardEvent) {
            return scorecard(facts, aggregateId, (ScorecardEvent) event);
        }
        DashboardFact complaint = facts.get(aggregateId);
        if (complaint != null && complaint.kind() == Kind.COMPLAINT) {
            return complaintEvent(facts, complaint, event, at, atRiskFraction);
        }
        if (complaint != null && complaint.kind() == Kind.SERVICE_ORDER) {
            return serviceOrderEvent(facts, complaint, event, at, atRiskFraction);
        }
        throw new IllegalStateException(aggregateId + " has no opening event before " + event.getClass().getSimpleName());
    }

    private static Map<String, DashboardFact> complaintEvent(Map<String, DashboardFact> facts, DashboardFact complaint,
                                                             Object event, Instant at, double atRiskFraction) {
        String id = complaint.complaintId();
        ComplaintStatus status = ComplaintStatus.valueOf(complaint.status()).after(event);
        facts.put(id, complaint.withStatus(status.name()));
        if (event instanceof ComplaintAcknowledgedEvent) {
            update(facts, id + "/ACKNOWLEDGE", clock -> clock.stoppedAt(at));
        } else if (event instanceof ComplaintRepliedEvent) {
            update(facts, id + "/REPLY", clock -> clock.stoppedAt(at));
        } else if (event instanceof ComplaintClassifiedEvent) {
            recategorize(facts, ((ComplaintClassifiedEvent) event).category().name());
        } else if (event instanceof ComplaintVerifiedEvent) {
            recategorize(facts, ((ComplaintVerifiedEvent) event).confirmedCategory().name());
        } else if (event instanceof ComplaintVerificationChangedEvent) {
            recategorize(facts, ((ComplaintVerificationChangedEvent) event).confirmedCategory().name());
        } else if (event instanceof FieldServiceRequestedEvent) {
            FieldServiceRequestedEvent e = (FieldServiceRequestedEvent) event;
            String key = id + "/ON_SITE/" + e.requestId();
            DashboardFact current = facts.get(id);
            facts.put(key, DashboardFact.clock(key, Kind.ON_SITE, id, null, current.region(), current.category(),
                    e.receivedAt(), e.onSiteDueAt(), atRiskFraction));
        } else if (event instanceof FieldServiceArrivalRecordedEvent) {
            FieldServiceArrivalRecordedEvent e = (FieldServiceArrivalRecordedEvent) event;
            update(facts, id + "/ON_SITE/" + e.requestId(), clock -> clock.stoppedAt(e.arrivedAt()));
        } else if (event instanceof FieldServiceFinishedEvent) {
            FieldServiceFinishedEvent e = (FieldServiceFinishedEvent) event;
            DashboardFact clock = facts.get(id + "/ON_SITE/" + e.requestId());
            if (e.cancelled() && clock != null && clock.stoppedAt() == null) {
                facts.remove(clock.key());
            }
        } else if (event instanceof ComplaintRejectedEvent) {
            facts.values().removeIf(fact -> fact.kind().isClock() && fact.stoppedAt() == null);
        }
        return facts;
    }

    private static Map<String, DashboardFact> serviceOrderEvent(Map<String, DashboardFact> facts, DashboardFact order,
                                                                Object event, Instant at, double atRiskFraction) {
        String id = order.serviceOrderId();
        if (event instanceof TechnicianArrivedEvent) {
            facts.put(id, order.withLate(!((TechnicianArrivedEvent) event).onTime()));
        } else if (event instanceof ServiceOrderCompletedEvent) {
            ServiceOrderCompletedEvent e = (ServiceOrderCompletedEvent) event;
            boolean failed = Boolean.TRUE.equals(order.late()) || e.result() != ServiceResult.RESOLVED;
            facts.put(id, order.withStatus(failed ? "FAILED" : "OK"));
            facts.put(id + "/REPORT", DashboardFact.clock(id + "/REPORT", Kind.REPORT, order.complaintId(), id,
                    order.region(), order.category(), e.completedAt(), e.reportDueAt(), atRiskFraction));
        } else if (event instanceof ServiceReportSubmittedEvent) {
            update(facts, id + "/REPORT", clock -> clock.stoppedAt(at));
        } else if (event instanceof ServiceOrderCancelledEvent) {
            facts.put(id, order.withStatus("CANCELLED"));
        }
        return facts;
    }

    private static Map<String, DashboardFact> scorecard(Map<String, DashboardFact> facts, String scorecardId, ScorecardEvent event) {
        Score score = event.score();
        if (score == null || score.satisfied() == null) {
            facts.remove(scorecardId); // a deduction before any survey: not surveyed yet
            return facts;
        }
        facts.put(scorecardId, new DashboardFact(scorecardId, Kind.SCORECARD, null, null, null, null,
                score.satisfied() ? "SATISFIED" : "UNSATISFIED", null, event.year(), null, null, null, null));
        return facts;
    }

    private static void recategorize(Map<String, DashboardFact> facts, String category) {
        facts.replaceAll((key, fact) -> fact.withCategory(category));
    }

    private static void update(Map<String, DashboardFact> facts, String key, UnaryOperator<DashboardFact> change) {
        DashboardFact fact = facts.get(key);
        if (fact != null) {
            facts.put(key, change.apply(fact));
        }
    }
}
