package com.servicedesk.fieldservice.command;

import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCancelledEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderSignedOffEvent;
import com.servicedesk.events.fieldservice.ServiceReportAtRiskEvent;
import com.servicedesk.events.fieldservice.ServiceReportOverdueEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.fieldservice.SparePartRequestedEvent;
import com.servicedesk.events.fieldservice.SparePartShippedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.fieldservice.TechnicianAssignedEvent;
import com.servicedesk.events.fieldservice.TechnicianDispatchedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.platform.deadline.DeadlineStage;
import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.web.IllegalTransitionException;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.hamcrest.Matchers.containsString;

/** Every step of a service order and every refused order of steps (DOMAIN.md, Service order). */
class ServiceOrderTest {
    static final String ID = "so-1";
    static final String COMPLAINT = "c-1";
    /** Friday 2026-11-20 15:00 Shanghai; out of province → on site by the end of Wednesday 25th. */
    static final Instant RECEIVED = Instant.parse("2026-11-20T07:00:00Z");
    static final Instant ON_SITE_DUE = Instant.parse("2026-11-25T16:00:00Z");
    static final Instant PLANNED = Instant.parse("2026-11-23T01:00:00Z");
    static final Instant ARRIVED = Instant.parse("2026-11-23T02:00:00Z");
    static final Instant COMPLETED_AT = Instant.parse("2026-11-23T06:00:00Z");
    static final Instant REPORT_DUE = COMPLETED_AT.plus(Duration.ofHours(48));
    static final FieldServicePolicy POLICY = new FieldServicePolicy(Period.ofMonths(12), Duration.ofHours(48), 0.75,
            ZoneId.of("Asia/Shanghai"));
    static final Contact CONTACT = new Contact("Li Wei", "+86 21 5555 0101", null);

    static final ServiceOrderOpenedEvent OPENED = opened(LocalDate.of(2026, 3, 1), Severity.HIGH);
    static final TechnicianAssignedEvent ASSIGNED = new TechnicianAssignedEvent(ID, COMPLAINT, "tech-7", PLANNED, null);
    static final TechnicianDispatchedEvent DISPATCHED = new TechnicianDispatchedEvent(ID, COMPLAINT, "tech-7", "replace spindle bearing");
    static final TechnicianArrivedEvent ARRIVAL = new TechnicianArrivedEvent(ID, COMPLAINT, "r-1", "tech-7", Region.OUT_OF_PROVINCE,
            ARRIVED, ON_SITE_DUE, true);
    static final FaultVerifiedEvent FAULT = new FaultVerifiedEvent(ID, COMPLAINT, true, "bearing worn", FaultCause.PRODUCT_DEFECT,
            "Li Wei", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), Billing.IN_WARRANTY,
            "fault reported on 2026-11-20, inside the warranty ending 2027-02-28");
    static final SparePartRequestedEvent PART = new SparePartRequestedEvent(ID, COMPLAINT, "p-1", "BRG-6204", 2, Billing.IN_WARRANTY);
    static final ServiceOrderCompletedEvent COMPLETED = new ServiceOrderCompletedEvent(ID, COMPLAINT, "r-1", "bearing replaced",
            ServiceResult.RESOLVED, COMPLETED_AT, REPORT_DUE);
    static final ServiceOrderSignedOffEvent SIGNED = new ServiceOrderSignedOffEvent(ID, COMPLAINT, "Li Wei", "quick and tidy");

    FixtureConfiguration<ServiceOrder> fixture;

    static ServiceOrderOpenedEvent opened(LocalDate delivered, Severity severity) {
        return new ServiceOrderOpenedEvent(ID, COMPLAINT, "r-1", "needs a technician", "CUST-42", "Jiangnan Machinery", CONTACT,
                "HX-200", "SN-1", delivered, Region.OUT_OF_PROVINCE, ComplaintCategory.PRODUCT_QUALITY, severity, RECEIVED, ON_SITE_DUE);
    }

    @BeforeEach
    void setUp() {
        at(ARRIVED.plus(Duration.ofMinutes(30)));
    }

    void at(Instant now) {
        fixture = new AggregateTestFixture<>(ServiceOrder.class);
        fixture.registerInjectableResource(POLICY);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void opensFromTheRequest() {
        fixture.givenNoPriorActivity()
                .when(new OpenServiceOrderCommand(ID, COMPLAINT, "r-1", "needs a technician", "CUST-42", "Jiangnan Machinery",
                        CONTACT, "HX-200", "SN-1", LocalDate.of(2026, 3, 1), Region.OUT_OF_PROVINCE,
                        ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH, RECEIVED, ON_SITE_DUE))
                .expectEvents(OPENED);
    }

    @Nested
    class Assignment {
        @Test
        void anOpenOrderIsAssigned() {
            fixture.given(OPENED).when(new AssignTechnicianCommand(ID, " tech-7 ", PLANNED)).expectEvents(ASSIGNED)
                    .expectResultMessagePayload(1L);
        }

        @Test
        void reassignmentAfterDispatchNamesThePreviousTechnician() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED).when(new AssignTechnicianCommand(ID, "tech-9", PLANNED))
                    .expectEvents(new TechnicianAssignedEvent(ID, COMPLAINT, "tech-9", PLANNED, "tech-7"));
        }

        @Test
        void theSameAssignmentAgainChangesNothing() {
            fixture.given(OPENED, ASSIGNED).when(new AssignTechnicianCommand(ID, "tech-7", PLANNED)).expectNoEvents();
        }

        @Test
        void refusedAfterArrival() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL).when(new AssignTechnicianCommand(ID, "tech-9", PLANNED))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("until arrival"));
        }

        @Test
        void needsTechnicianAndPlannedVisit() {
            fixture.given(OPENED).when(new AssignTechnicianCommand(ID, " ", null))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(containsString("technicianId")).expectExceptionMessage(containsString("plannedVisitAt"));
        }
    }

    @Nested
    class Dispatch {
        @Test
        void anAssignedOrderIsDispatchedWithABrief() {
            fixture.given(OPENED, ASSIGNED).when(new DispatchTechnicianCommand(ID, " replace spindle bearing "))
                    .expectEvents(DISPATCHED);
        }

        @Test
        void neverWithoutABrief() {
            fixture.given(OPENED, ASSIGNED).when(new DispatchTechnicianCommand(ID, "  "))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("taskBrief"));
        }

        @Test
        void neverBeforeAssignment() {
            fixture.given(OPENED).when(new DispatchTechnicianCommand(ID, "brief"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("assign a technician first"));
        }

        @Test
        void notTwice() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED).when(new DispatchTechnicianCommand(ID, "brief"))
                    .expectException(IllegalTransitionException.class);
        }
    }

    @Nested
    class Arrival {
        @Test
        void onTimeByTheDeadline() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED).when(new RecordArrivalCommand(ID, ARRIVED)).expectEvents(ARRIVAL);
        }

        @Test
        void lateAfterTheDeadline() {
            Instant late = ON_SITE_DUE.plusSeconds(1);
            at(late.plus(Duration.ofMinutes(5)));
            fixture.given(OPENED, ASSIGNED, DISPATCHED).when(new RecordArrivalCommand(ID, late))
                    .expectEvents(new TechnicianArrivedEvent(ID, COMPLAINT, "r-1", "tech-7", Region.OUT_OF_PROVINCE, late,
                            ON_SITE_DUE, false));
        }

        @Test
        void onlyAfterDispatch() {
            fixture.given(OPENED, ASSIGNED).when(new RecordArrivalCommand(ID, ARRIVED))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("dispatched first"));
        }

        @Test
        void notInTheFutureNorBeforeTheComplaint() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED).when(new RecordArrivalCommand(ID, ARRIVED.plus(Duration.ofHours(2))))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("arrivedAt"));
            fixture.given(OPENED, ASSIGNED, DISPATCHED).when(new RecordArrivalCommand(ID, RECEIVED.minusSeconds(60)))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("before the complaint"));
        }
    }

    @Nested
    class FaultVerification {
        @Test
        void withTheCustomerInWarranty() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL)
                    .when(new VerifyFaultCommand(ID, true, "bearing worn", FaultCause.PRODUCT_DEFECT, "Li Wei", null))
                    .expectEvents(FAULT);
        }

        @Test
        void misuseIsPaid() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL)
                    .when(new VerifyFaultCommand(ID, true, "dropped by forklift", FaultCause.CUSTOMER_MISUSE, "Li Wei", null))
                    .expectEvents(new FaultVerifiedEvent(ID, COMPLAINT, true, "dropped by forklift", FaultCause.CUSTOMER_MISUSE,
                            "Li Wei", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), Billing.PAID,
                            "customer misuse is never covered by the warranty"));
        }

        @Test
        void aDeliveryDateReadOnSiteFillsAGapInTheComplaint() {
            fixture.given(opened(null, Severity.HIGH), ASSIGNED, DISPATCHED, ARRIVAL)
                    .when(new VerifyFaultCommand(ID, true, "bearing worn", FaultCause.WEAR, "Li Wei", LocalDate.of(2026, 3, 1)))
                    .expectEvents(new FaultVerifiedEvent(ID, COMPLAINT, true, "bearing worn", FaultCause.WEAR, "Li Wei",
                            LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28), Billing.IN_WARRANTY,
                            "fault reported on 2026-11-20, inside the warranty ending 2027-02-28"));
        }

        @Test
        void theComplaintsDeliveryDateWinsOverOneGivenOnSite() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL)
                    .when(new VerifyFaultCommand(ID, true, "bearing worn", FaultCause.PRODUCT_DEFECT, "Li Wei", LocalDate.of(2020, 1, 1)))
                    .expectEvents(FAULT);
        }

        @Test
        void needsEveryFieldAndTheWitness() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL).when(new VerifyFaultCommand(ID, null, " ", null, "", null))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(containsString("faultConfirmed")).expectExceptionMessage(containsString("description"))
                    .expectExceptionMessage(containsString("cause")).expectExceptionMessage(containsString("witnessedBy"));
        }

        @Test
        void onlyOnSiteAndOnce() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED)
                    .when(new VerifyFaultCommand(ID, true, "x", FaultCause.WEAR, "Li Wei", null))
                    .expectException(IllegalTransitionException.class);
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT)
                    .when(new VerifyFaultCommand(ID, true, "x", FaultCause.WEAR, "Li Wei", null))
                    .expectException(IllegalTransitionException.class);
        }
    }

    @Nested
    class SpareParts {
        @Test
        void requestedAfterVerificationWithTheOrdersBilling() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT).when(new RequestSparePartCommand(ID, "p-1", " BRG-6204 ", 2))
                    .expectEvents(PART);
        }

        @Test
        void severalPerOrderEachShippedOnce() {
            SparePartRequestedEvent second = new SparePartRequestedEvent(ID, COMPLAINT, "p-2", "SEAL-20", 1, Billing.IN_WARRANTY);
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, PART, second)
                    .when(new ShipSparePartCommand(ID, "p-2", "SF Express", "SF100200"))
                    .expectEvents(new SparePartShippedEvent(ID, COMPLAINT, "p-2", "SEAL-20", 1, "SF Express", "SF100200"));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, PART,
                            new SparePartShippedEvent(ID, COMPLAINT, "p-1", "BRG-6204", 2, "SF Express", "SF1"))
                    .when(new ShipSparePartCommand(ID, "p-1", "SF Express", "SF2"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("shipped already"));
        }

        @Test
        void anUnknownPartRequestIsNotFound() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT).when(new ShipSparePartCommand(ID, "nope", "SF", "1"))
                    .expectException(NotFoundException.class);
        }

        @Test
        void notBeforeTheFaultIsVerified() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL).when(new RequestSparePartCommand(ID, "p-1", "BRG-6204", 2))
                    .expectException(IllegalTransitionException.class);
        }

        @Test
        void quantityMustBePositive() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT).when(new RequestSparePartCommand(ID, "p-1", "BRG-6204", 0))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("quantity"));
        }

        @Test
        void notShippedForACancelledOrder() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, PART,
                            new ServiceOrderCancelledEvent(ID, COMPLAINT, "r-1", "customer replaced the machine"))
                    .when(new ShipSparePartCommand(ID, "p-1", "SF", "1"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("cancelled"));
        }
    }

    @Nested
    class CompletionSignOffAndReport {
        @Test
        void completionStartsTheReportClock() {
            at(COMPLETED_AT);
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT)
                    .when(new CompleteServiceOrderCommand(ID, " bearing replaced ", ServiceResult.RESOLVED))
                    .expectEvents(COMPLETED);
        }

        @Test
        void completionNeedsTheVerifiedFault() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL)
                    .when(new CompleteServiceOrderCommand(ID, "done", ServiceResult.RESOLVED))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("verified"));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT)
                    .when(new CompleteServiceOrderCommand(ID, "done", null))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("result"));
        }

        @Test
        void theCustomerSignsOffCompletedWork() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED)
                    .when(new SignOffServiceOrderCommand(ID, "Li Wei", " quick and tidy ")).expectEvents(SIGNED);
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT)
                    .when(new SignOffServiceOrderCommand(ID, "Li Wei", null)).expectException(IllegalTransitionException.class);
        }

        @Test
        void aReportInTimeIsNotLate() {
            at(COMPLETED_AT.plus(Duration.ofHours(20)));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED, SIGNED)
                    .when(new SubmitServiceReportCommand(ID, "bearing replaced under warranty", "batch 2026-02 bearings"))
                    .expectEvents(new ServiceReportSubmittedEvent(ID, COMPLAINT, "CUST-42", "HX-200", "SN-1", true,
                            FaultCause.PRODUCT_DEFECT, "bearing replaced under warranty", "batch 2026-02 bearings", REPORT_DUE, false));
        }

        @Test
        void aReportAfterTwoDaysIsFlaggedLate() {
            at(REPORT_DUE.plusSeconds(1));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED, SIGNED)
                    .when(new SubmitServiceReportCommand(ID, "late report", null))
                    .expectEvents(new ServiceReportSubmittedEvent(ID, COMPLAINT, "CUST-42", "HX-200", "SN-1", true,
                            FaultCause.PRODUCT_DEFECT, "late report", null, REPORT_DUE, true));
        }

        @Test
        void theReportFollowsTheSignOffOnce() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED)
                    .when(new SubmitServiceReportCommand(ID, "report", null))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("sign-off comes first"));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED, SIGNED,
                            new ServiceReportSubmittedEvent(ID, COMPLAINT, "CUST-42", "HX-200", "SN-1", true, FaultCause.PRODUCT_DEFECT,
                                    "report", null, REPORT_DUE, false))
                    .when(new SubmitServiceReportCommand(ID, "again", null)).expectException(IllegalTransitionException.class);
        }
    }

    @Nested
    class ReportClock {
        @Test
        void atRiskAfterThreeQuartersThenOverdueOnce() {
            at(COMPLETED_AT.plus(Duration.ofHours(37)));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED)
                    .when(new RecordReportDeadlineCommand(ID, DeadlineStage.AT_RISK))
                    .expectEvents(new ServiceReportAtRiskEvent(ID, COMPLAINT, REPORT_DUE)).expectResultMessagePayload(true);
            at(REPORT_DUE.plusSeconds(1));
            ServiceReportOverdueEvent overdue = new ServiceReportOverdueEvent(ID, COMPLAINT, REPORT_DUE);
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED, SIGNED)
                    .when(new RecordReportDeadlineCommand(ID, DeadlineStage.BREACHED)).expectEvents(overdue);
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED, overdue)
                    .when(new RecordReportDeadlineCommand(ID, DeadlineStage.BREACHED)).expectNoEvents().expectResultMessagePayload(false);
        }

        @Test
        void nothingBeforeItsTimeNorOnceTheReportIsIn() {
            at(COMPLETED_AT.plus(Duration.ofHours(35)));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED)
                    .when(new RecordReportDeadlineCommand(ID, DeadlineStage.AT_RISK)).expectNoEvents().expectResultMessagePayload(false);
            at(REPORT_DUE.plus(Duration.ofDays(1)));
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED, SIGNED,
                            new ServiceReportSubmittedEvent(ID, COMPLAINT, "CUST-42", "HX-200", "SN-1", true, FaultCause.PRODUCT_DEFECT,
                                    "report", null, REPORT_DUE, false))
                    .when(new RecordReportDeadlineCommand(ID, DeadlineStage.BREACHED)).expectNoEvents().expectResultMessagePayload(false);
        }
    }

    @Nested
    class Cancellation {
        @Test
        void beforeCompletion() {
            fixture.given(OPENED, ASSIGNED).when(new CancelServiceOrderCommand(ID, "solved by phone"))
                    .expectEvents(new ServiceOrderCancelledEvent(ID, COMPLAINT, "r-1", "solved by phone"));
        }

        @Test
        void notAfterCompletionNorTwiceNorWithoutReason() {
            fixture.given(OPENED, ASSIGNED, DISPATCHED, ARRIVAL, FAULT, COMPLETED).when(new CancelServiceOrderCommand(ID, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("completed work"));
            fixture.given(OPENED, new ServiceOrderCancelledEvent(ID, COMPLAINT, "r-1", "x")).when(new CancelServiceOrderCommand(ID, "y"))
                    .expectException(IllegalTransitionException.class);
            fixture.given(OPENED).when(new CancelServiceOrderCommand(ID, " "))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("reason"));
        }

        @Test
        void aCancelledOrderTakesNoFurtherStep() {
            fixture.given(OPENED, new ServiceOrderCancelledEvent(ID, COMPLAINT, "r-1", "x"))
                    .when(new AssignTechnicianCommand(ID, "tech-7", PLANNED)).expectException(IllegalTransitionException.class);
        }
    }
}
