package com.servicedesk.fieldservice.command;

import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.platform.deadline.ClockState;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * The field-service rules that are numbers: the warranty (三包) and the service report's deadline. Results are stored
 * in the events that use them, so a later change of these settings never rewrites an order already decided.
 *
 * @param warrantyPeriod  from the delivery date (seed 000 §6.5 (8); default 12 months)
 * @param reportDue       the service report after completion (seed 000 §6.5 (9): 2 days = 48 h)
 * @param atRiskFraction  share of the report's time after which its clock is AT_RISK (ours: 0.75, as intake's clocks)
 * @param zone            local dates (the complaint's receipt date) are taken in this zone
 */
public record FieldServicePolicy(Period warrantyPeriod, Duration reportDue, double atRiskFraction, ZoneId zone) {

    /**
     * Free (in warranty) when the fault was reported inside the warranty period and the cause is not customer misuse;
     * otherwise paid (DOMAIN.md). Decisions where the procedure is silent:
     * <ul>
     *   <li>The period is judged on the day the customer reported the fault (the complaint's receipt date in the zone),
     *       not the day the technician came: the customer must not pay for our waiting time.</li>
     *   <li>The warranty covers {@code warrantyPeriod} whole: delivered 2025-03-01 with 12 months, the last free day is
     *       2026-02-28 (the usual reading of "12 months from delivery" in 三包 terms).</li>
     *   <li>No delivery date on record and none read on site (nameplate, delivery note): the warranty cannot be
     *       established, so the service is paid; the reason says so, and the technician can give the date on site.</li>
     * </ul>
     */
    public WarrantyDecision warranty(LocalDate deliveryDate, Instant faultReportedAt, FaultCause cause) {
        LocalDate reportedOn = faultReportedAt.atZone(zone).toLocalDate();
        if (deliveryDate == null) {
            return new WarrantyDecision(Billing.PAID, null,
                    "no delivery date on record: the warranty cannot be established");
        }
        LocalDate endsOn = deliveryDate.plus(warrantyPeriod).minusDays(1);
        if (cause == FaultCause.CUSTOMER_MISUSE) {
            return new WarrantyDecision(Billing.PAID, endsOn, "customer misuse is never covered by the warranty");
        }
        if (reportedOn.isAfter(endsOn)) {
            return new WarrantyDecision(Billing.PAID, endsOn,
                    "the warranty ended on " + endsOn + ", before the fault was reported on " + reportedOn);
        }
        return new WarrantyDecision(Billing.IN_WARRANTY, endsOn,
                "fault reported on " + reportedOn + ", inside the warranty ending " + endsOn);
    }

    public Instant reportDueAt(Instant completedAt) {
        return completedAt.plus(reportDue);
    }

    /** When a clock running from {@code startedAt} to {@code dueAt} becomes AT_RISK. */
    public Instant atRiskFrom(Instant startedAt, Instant dueAt) {
        return ClockState.atRiskFrom(startedAt, dueAt, atRiskFraction);
    }

    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public record WarrantyDecision(Billing billing, LocalDate warrantyEndsOn, String reason) {
    }
}
