package com.servicedesk.intake.command;

import com.servicedesk.platform.deadline.DeadlineStage;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintClassifiedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintReopenedEvent;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceLinkedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.ProductReturnRecordedEvent;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.ReplyMethod;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.events.intake.SlaAtRiskEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.web.IllegalTransitionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** Every lifecycle command, every refused transition (DOMAIN.md, Complaint). */
class ComplaintLifecycleTest {
    /** Friday 2026-11-20 15:00 in Shanghai: the receipt. */
    static final Instant RECEIVED = Instant.parse("2026-11-20T07:00:00Z");
    static final String ID = "c-1";
    static final Contact CONTACT = new Contact("Li Wei", "+86 21 5555 0101", null);
    static final ComplaintRegisteredEvent REGISTERED = new ComplaintRegisteredEvent(ID, "CUST-42", "Jiangnan Machinery",
            CONTACT, Channel.PHONE, "HX-200", "SN-1", LocalDate.of(2025, 3, 1), ComplaintCategory.PRODUCT_QUALITY,
            Severity.HIGH, Region.OUT_OF_PROVINCE, "Spindle vibrates", RECEIVED, null,
            RECEIVED.plus(Duration.ofHours(24)), RECEIVED.plus(Duration.ofHours(48)));
    static final ComplaintAcknowledgedEvent ACKNOWLEDGED = new ComplaintAcknowledgedEvent(ID, "called back");
    static final ComplaintVerifiedEvent VERIFIED = new ComplaintVerifiedEvent(ID, "CUST-42", RECEIVED, true,
            ComplaintCategory.PRODUCT_QUALITY, "bearing worn early");
    static final ComplaintRepliedEvent REPLIED = new ComplaintRepliedEvent(ID, ReplyMethod.PHONE, "we replace the bearing");
    static final ComplaintClosedEvent CLOSED = new ComplaintClosedEvent(ID, "bearing replaced");
    /** Out of province, received Friday: 3 working days → end of Wednesday 2026-11-25 in Shanghai. */
    static final Instant ON_SITE_DUE = Instant.parse("2026-11-25T16:00:00Z");
    static final FieldServiceRequestedEvent FIELD_SERVICE = new FieldServiceRequestedEvent(ID, "r-1", "needs a technician",
            "CUST-42", "Jiangnan Machinery", CONTACT, "HX-200", "SN-1", LocalDate.of(2025, 3, 1), Region.OUT_OF_PROVINCE,
            ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH, RECEIVED, ON_SITE_DUE);

    FixtureConfiguration<Complaint> fixture;

    @BeforeEach
    void setUp() {
        at(RECEIVED.plus(Duration.ofHours(1)));
    }

    void at(Instant now) {
        fixture = new AggregateTestFixture<>(Complaint.class);
        fixture.registerInjectableResource(ComplaintTest.policy());
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Nested
    class Acknowledge {
        @Test
        void aRegisteredComplaintIsAcknowledged() {
            fixture.given(REGISTERED).when(new AcknowledgeComplaintCommand(ID, " called back "))
                    .expectEvents(ACKNOWLEDGED).expectResultMessagePayload(1L);
        }

        @Test
        void onlyOnce() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new AcknowledgeComplaintCommand(ID, null))
                    .expectException(IllegalTransitionException.class)
                    .expectExceptionMessage(allOf(containsString("is ACKNOWLEDGED"), containsString("only a newly registered")));
        }
    }

    @Nested
    class Classify {
        @Test
        void aChangedClassificationIsRecorded() {
            fixture.given(REGISTERED).when(new ClassifyComplaintCommand(ID, ComplaintCategory.DELIVERY, Severity.EMERGENCY))
                    .expectEvents(new ComplaintClassifiedEvent(ID, ComplaintCategory.DELIVERY, Severity.EMERGENCY));
        }

        @Test
        void theSameClassificationChangesNothing() {
            fixture.given(REGISTERED).when(new ClassifyComplaintCommand(ID, ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH))
                    .expectNoEvents();
        }

        @Test
        void missingFieldsAreNamed() {
            fixture.given(REGISTERED).when(new ClassifyComplaintCommand(ID, null, null))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(allOf(containsString("category:"), containsString("severity:")));
        }

        @Test
        void notAfterClose() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED, CLOSED)
                    .when(new ClassifyComplaintCommand(ID, ComplaintCategory.DELIVERY, Severity.LOW))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("reopen it first"));
        }
    }

    @Nested
    class RequestFieldService {
        @Test
        void carriesEverythingFieldServiceNeedsAndTheOnSiteDeadlineFromReceipt() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new RequestFieldServiceCommand(ID, "r-1", "needs a technician"))
                    .expectEvents(FIELD_SERVICE);
        }

        @Test
        void inProvinceIsOneWorkingDay() {
            ComplaintRegisteredEvent inProvince = new ComplaintRegisteredEvent(ID, "CUST-42", "Jiangnan Machinery", CONTACT,
                    Channel.PHONE, "HX-200", "SN-1", LocalDate.of(2025, 3, 1), ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH,
                    Region.IN_PROVINCE, "Spindle vibrates", RECEIVED, null, RECEIVED.plus(Duration.ofHours(24)), RECEIVED.plus(Duration.ofHours(48)));
            fixture.given(inProvince, ACKNOWLEDGED).when(new RequestFieldServiceCommand(ID, "r-1", "needs a technician"))
                    .expectEvents(new FieldServiceRequestedEvent(ID, "r-1", "needs a technician", "CUST-42", "Jiangnan Machinery",
                            CONTACT, "HX-200", "SN-1", LocalDate.of(2025, 3, 1), Region.IN_PROVINCE,
                            ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH, RECEIVED, Instant.parse("2026-11-23T16:00:00Z")));
        }

        @Test
        void notBeforeAcknowledgement() {
            fixture.given(REGISTERED).when(new RequestFieldServiceCommand(ID, "r-1", "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("acknowledge the complaint first"));
        }

        @Test
        void notWhileAnOrderIsOpen() {
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE).when(new RequestFieldServiceCommand(ID, "r-2", "again"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("still open"));
        }

        @Test
        void aReasonIsRequired() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new RequestFieldServiceCommand(ID, "r-1", " "))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("reason:"));
        }
    }

    @Nested
    class Verify {
        @Test
        void firstVerification() {
            fixture.given(REGISTERED, ACKNOWLEDGED)
                    .when(new VerifyComplaintCommand(ID, true, ComplaintCategory.PRODUCT_QUALITY, "bearing worn early"))
                    .expectEvents(VERIFIED);
        }

        @Test
        void alsoWhileInService() {
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE)
                    .when(new VerifyComplaintCommand(ID, true, ComplaintCategory.PRODUCT_QUALITY, "bearing worn early"))
                    .expectEvents(VERIFIED);
        }

        @Test
        void theSameAnswerAgainChangesNothing() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED)
                    .when(new VerifyComplaintCommand(ID, true, ComplaintCategory.PRODUCT_QUALITY, "bearing worn early"))
                    .expectNoEvents();
        }

        @Test
        void aChangedAnswerIsAnEventOfItsOwnCarryingThePreviousOne() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED)
                    .when(new VerifyComplaintCommand(ID, false, ComplaintCategory.SERVICE, "operator error after all"))
                    .expectEvents(new ComplaintVerificationChangedEvent(ID, "CUST-42", RECEIVED, false, ComplaintCategory.SERVICE,
                            "operator error after all", true, ComplaintCategory.PRODUCT_QUALITY));
        }

        @Test
        void aChangedAnswerMustBeRepliedBeforeClosing() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED,
                            new ComplaintVerificationChangedEvent(ID, "CUST-42", RECEIVED, false, ComplaintCategory.SERVICE,
                                    "operator error", true, ComplaintCategory.PRODUCT_QUALITY))
                    .when(new CloseComplaintCommand(ID, "done"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("replied to first"));
        }

        @Test
        void notBeforeAcknowledgement() {
            fixture.given(REGISTERED).when(new VerifyComplaintCommand(ID, true, ComplaintCategory.SERVICE, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("is REGISTERED"));
        }

        @Test
        void notAfterClose() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED, CLOSED)
                    .when(new VerifyComplaintCommand(ID, false, ComplaintCategory.SERVICE, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("is CLOSED"));
        }

        @Test
        void everyFieldIsRequired() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new VerifyComplaintCommand(ID, null, null, ""))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(allOf(containsString("companyResponsible:"), containsString("confirmedCategory:"),
                            containsString("findings:")));
        }
    }

    @Nested
    class Reply {
        @Test
        void afterVerification() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED)
                    .when(new ReplyToCustomerCommand(ID, ReplyMethod.PHONE, "we replace the bearing"))
                    .expectEvents(REPLIED);
        }

        @Test
        void notBeforeVerification() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new ReplyToCustomerCommand(ID, ReplyMethod.EMAIL, "hello"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("verify it first"));
        }

        @Test
        void methodAndMessageAreRequired() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED).when(new ReplyToCustomerCommand(ID, null, null))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(allOf(containsString("method:"), containsString("message:")));
        }
    }

    @Nested
    class Returns {
        @Test
        void recordedWithQuantityAndReason() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new RecordProductReturnCommand(ID, "ret-1", 2, "cracked housing"))
                    .expectEvents(new ProductReturnRecordedEvent(ID, "ret-1", 2, "cracked housing"));
        }

        @Test
        void quantityMustBePositive() {
            fixture.given(REGISTERED).when(new RecordProductReturnCommand(ID, "ret-1", 0, "x"))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("quantity:"));
        }

        @Test
        void notOnARejectedComplaint() {
            fixture.given(REGISTERED, new ComplaintRejectedEvent(ID, "duplicate")).when(new RecordProductReturnCommand(ID, "ret-1", 1, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("is REJECTED"));
        }
    }

    /** Facts from field service (the service-order topic) told to the complaint. */
    @Nested
    class FieldServiceFeedback {
        static final String ORDER = "so-1";
        static final FieldServiceLinkedEvent LINKED = new FieldServiceLinkedEvent(ID, "r-1", ORDER);
        static final Instant ARRIVED = Instant.parse("2026-11-23T02:00:00Z");
        static final FieldServiceArrivalRecordedEvent ARRIVAL = new FieldServiceArrivalRecordedEvent(ID, "r-1", ORDER, ARRIVED, ON_SITE_DUE);
        static final FieldServiceFinishedEvent COMPLETED = new FieldServiceFinishedEvent(ID, "r-1", ORDER, false, ServiceResult.RESOLVED);

        @Test
        void theOrderIsLinkedOnce() {
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE).when(new LinkServiceOrderCommand(ID, "r-1", ORDER))
                    .expectEvents(LINKED);
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED).when(new LinkServiceOrderCommand(ID, "r-1", ORDER))
                    .expectNoEvents();
        }

        @Test
        void theFirstArrivalStopsTheOnSiteClockAndLaterOnesChangeNothing() {
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED)
                    .when(new RecordOnSiteArrivalCommand(ID, "r-1", ORDER, ARRIVED)).expectEvents(ARRIVAL);
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED, ARRIVAL)
                    .when(new RecordOnSiteArrivalCommand(ID, "r-1", ORDER, ARRIVED)).expectNoEvents();
        }

        @Test
        void noOnSiteBreachAfterTheTechnicianArrived() {
            at(ON_SITE_DUE.plus(Duration.ofHours(1)));
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED, ARRIVAL)
                    .when(new RecordSlaStateCommand(ID, SlaClock.ON_SITE, DeadlineStage.BREACHED))
                    .expectNoEvents().expectResultMessagePayload(false);
        }

        @Test
        void aCompletedOrderLetsTheComplaintClose() {
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED, ARRIVAL, VERIFIED, REPLIED)
                    .when(new CloseComplaintCommand(ID, "done"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("service order is still open"));
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED, ARRIVAL)
                    .when(new RecordFieldServiceFinishedCommand(ID, "r-1", ORDER, false, ServiceResult.RESOLVED))
                    .expectEvents(COMPLETED);
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED, ARRIVAL, COMPLETED, VERIFIED, REPLIED)
                    .when(new CloseComplaintCommand(ID, "bearing replaced")).expectEvents(new ComplaintClosedEvent(ID, "bearing replaced"));
        }

        @Test
        void aFinishedOrderIsRecordedOnce() {
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED, COMPLETED)
                    .when(new RecordFieldServiceFinishedCommand(ID, "r-1", ORDER, false, ServiceResult.RESOLVED)).expectNoEvents();
        }

        @Test
        void aCancelledOrderAlsoFreesTheComplaintAndAllowsANewRequest() {
            FieldServiceFinishedEvent cancelled = new FieldServiceFinishedEvent(ID, "r-1", ORDER, true, null);
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED)
                    .when(new RecordFieldServiceFinishedCommand(ID, "r-1", ORDER, true, null)).expectEvents(cancelled);
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, LINKED, cancelled)
                    .when(new RequestFieldServiceCommand(ID, "r-2", "second visit"))
                    .expectEvents(new FieldServiceRequestedEvent(ID, "r-2", "second visit", "CUST-42", "Jiangnan Machinery",
                            CONTACT, "HX-200", "SN-1", LocalDate.of(2025, 3, 1), Region.OUT_OF_PROVINCE,
                            ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH, RECEIVED, ON_SITE_DUE));
        }
    }

    @Nested
    class Close {
        @Test
        void verifiedAndRepliedWithoutOpenOrder() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED).when(new CloseComplaintCommand(ID, "bearing replaced"))
                    .expectEvents(CLOSED);
        }

        @Test
        void notWithoutVerification() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new CloseComplaintCommand(ID, "done"))
                    .expectException(IllegalTransitionException.class)
                    .expectExceptionMessage(allOf(containsString("is ACKNOWLEDGED"), containsString("must be verified")));
        }

        @Test
        void notWithoutReply() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED).when(new CloseComplaintCommand(ID, "done"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("replied to first"));
        }

        @Test
        void notWhileAServiceOrderIsOpen() {
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE, VERIFIED, REPLIED).when(new CloseComplaintCommand(ID, "done"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("service order is still open"));
        }

        @Test
        void notTwice() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED, CLOSED).when(new CloseComplaintCommand(ID, "again"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("is CLOSED"));
        }

        @Test
        void aSummaryIsRequired() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED).when(new CloseComplaintCommand(ID, null))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("resolutionSummary:"));
        }
    }

    @Nested
    class RejectAndReopen {
        @Test
        void aRegisteredOrAcknowledgedComplaintCanBeRejected() {
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new RejectComplaintCommand(ID, "duplicate of c-0"))
                    .expectEvents(new ComplaintRejectedEvent(ID, "duplicate of c-0"));
        }

        @Test
        void notOnceWorkHasStarted() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED).when(new RejectComplaintCommand(ID, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("is VERIFIED"));
        }

        @Test
        void aClosedComplaintIsReopenedAndMustBeRepliedAgainBeforeClosing() {
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED, CLOSED).when(new ReopenComplaintCommand(ID, "noise is back"))
                    .expectEvents(new ComplaintReopenedEvent(ID, "noise is back"));
            fixture.given(REGISTERED, ACKNOWLEDGED, VERIFIED, REPLIED, CLOSED, new ComplaintReopenedEvent(ID, "noise is back"))
                    .when(new CloseComplaintCommand(ID, "again"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("is REOPENED"));
        }

        @Test
        void onlyAClosedComplaintIsReopened() {
            fixture.given(REGISTERED, new ComplaintRejectedEvent(ID, "spam")).when(new ReopenComplaintCommand(ID, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("only a closed complaint"));
            fixture.given(REGISTERED).when(new ReopenComplaintCommand(ID, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("is REGISTERED"));
        }
    }

    @Nested
    class SlaEvents {
        @Test
        void aBreachIsRaisedOnceAfterTheDeadline() {
            at(RECEIVED.plus(Duration.ofHours(25)));
            fixture.given(REGISTERED).when(new RecordSlaStateCommand(ID, SlaClock.ACKNOWLEDGE, DeadlineStage.BREACHED))
                    .expectEvents(new SlaBreachedEvent(ID, SlaClock.ACKNOWLEDGE, RECEIVED.plus(Duration.ofHours(24))))
                    .expectResultMessagePayload(true);
            fixture.given(REGISTERED, new SlaBreachedEvent(ID, SlaClock.ACKNOWLEDGE, RECEIVED.plus(Duration.ofHours(24))))
                    .when(new RecordSlaStateCommand(ID, SlaClock.ACKNOWLEDGE, DeadlineStage.BREACHED))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void noBreachBeforeTheDeadlineNorForAStoppedClock() {
            at(RECEIVED.plus(Duration.ofHours(23)));
            fixture.given(REGISTERED).when(new RecordSlaStateCommand(ID, SlaClock.ACKNOWLEDGE, DeadlineStage.BREACHED))
                    .expectNoEvents();
            at(RECEIVED.plus(Duration.ofHours(30)));
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new RecordSlaStateCommand(ID, SlaClock.ACKNOWLEDGE, DeadlineStage.BREACHED))
                    .expectNoEvents();
            fixture.given(REGISTERED, new ComplaintRejectedEvent(ID, "spam"))
                    .when(new RecordSlaStateCommand(ID, SlaClock.REPLY, DeadlineStage.BREACHED))
                    .expectNoEvents();
        }

        @Test
        void atRiskAfterThreeQuartersOfTheTimeOnce() {
            at(RECEIVED.plus(Duration.ofHours(18)));
            fixture.given(REGISTERED).when(new RecordSlaStateCommand(ID, SlaClock.ACKNOWLEDGE, DeadlineStage.AT_RISK))
                    .expectEvents(new SlaAtRiskEvent(ID, SlaClock.ACKNOWLEDGE, RECEIVED.plus(Duration.ofHours(24))));
            at(RECEIVED.plus(Duration.ofHours(17)));
            fixture.given(REGISTERED).when(new RecordSlaStateCommand(ID, SlaClock.ACKNOWLEDGE, DeadlineStage.AT_RISK))
                    .expectNoEvents();
        }

        @Test
        void theOnSiteClockExistsOnceFieldServiceIsRequested() {
            at(ON_SITE_DUE.plusSeconds(1));
            fixture.given(REGISTERED, ACKNOWLEDGED).when(new RecordSlaStateCommand(ID, SlaClock.ON_SITE, DeadlineStage.BREACHED))
                    .expectNoEvents();
            fixture.given(REGISTERED, ACKNOWLEDGED, FIELD_SERVICE)
                    .when(new RecordSlaStateCommand(ID, SlaClock.ON_SITE, DeadlineStage.BREACHED))
                    .expectEvents(new SlaBreachedEvent(ID, SlaClock.ON_SITE, ON_SITE_DUE));
        }
    }
}
