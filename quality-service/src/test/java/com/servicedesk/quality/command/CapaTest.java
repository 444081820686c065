package com.servicedesk.quality.command;

import com.servicedesk.events.quality.CapaActionCompletedEvent;
import com.servicedesk.events.quality.CapaActionOverdueEvent;
import com.servicedesk.events.quality.CapaActionPlannedEvent;
import com.servicedesk.events.quality.CapaActionType;
import com.servicedesk.events.quality.CapaCancelledEvent;
import com.servicedesk.events.quality.CapaClosedEvent;
import com.servicedesk.events.quality.CapaCycleStartedEvent;
import com.servicedesk.events.quality.CapaDecidedEvent;
import com.servicedesk.events.quality.CapaOpenedEvent;
import com.servicedesk.events.quality.CapaOutcome;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.events.quality.CapaSourceConfirmedEvent;
import com.servicedesk.events.quality.CapaSourceRetractedEvent;
import com.servicedesk.events.quality.CapaStandardizedEvent;
import com.servicedesk.events.quality.ContainmentRecordedEvent;
import com.servicedesk.events.quality.EffectivenessCheckedEvent;
import com.servicedesk.events.quality.RootCauseIdentifiedEvent;
import com.servicedesk.events.quality.RootCauseMethod;
import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.web.IllegalTransitionException;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

/** Every step of a CAPA, every refused close, a two-cycle story (DOMAIN.md, CAPA). */
class CapaTest {
    static final String ID = "capa-1";
    static final CapaPolicy POLICY = new CapaPolicy(ZoneId.of("Asia/Shanghai"));
    /** 2026-11-21 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-21T02:00:00Z");
    static final LocalDate DUE = LocalDate.of(2026, 12, 15);
    /** 24:00 Shanghai at the end of the due date. */
    static final Instant DUE_AT = Instant.parse("2026-12-15T16:00:00Z");

    static final CapaOpenedEvent OPENED = new CapaOpenedEvent(ID, CapaSource.COMPLAINT, "c-1", "c-1", "spindle bearings fail early");
    static final CapaDecidedEvent ACTION_NEEDED = new CapaDecidedEvent(ID, true, "three failures this quarter");
    static final RootCauseIdentifiedEvent ROOT_CAUSE = new RootCauseIdentifiedEvent(ID, 1, RootCauseMethod.FIVE_WHYS,
            "bearing press-fit tolerance too loose", List.of("worn fixture", "no incoming inspection"));
    static final CapaActionPlannedEvent FIX = new CapaActionPlannedEvent(ID, "a-1", 1, CapaActionType.CORRECTIVE,
            "replace the press-fit fixture", "zhang", DUE, DUE_AT);
    static final CapaActionPlannedEvent PREVENT = new CapaActionPlannedEvent(ID, "a-2", 1, CapaActionType.PREVENTIVE,
            "add incoming inspection of bearings", "liu", DUE, DUE_AT);
    static final CapaActionCompletedEvent FIX_DONE = new CapaActionCompletedEvent(ID, "a-1", 1, "fixture FX-12 replaced", false);
    static final CapaActionCompletedEvent PREVENT_DONE = new CapaActionCompletedEvent(ID, "a-2", 1, "inspection plan IP-7", false);
    static final EffectivenessCheckedEvent EFFECTIVE = new EffectivenessCheckedEvent(ID, 1, true, "no failure in 90 days");

    FixtureConfiguration<Capa> fixture;

    @BeforeEach
    void setUp() {
        at(NOW);
    }

    void at(Instant now) {
        fixture = new AggregateTestFixture<>(Capa.class);
        fixture.registerInjectableResource(POLICY);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void opensWithAProblemStatement() {
        fixture.givenNoPriorActivity().when(new OpenCapaCommand(ID, CapaSource.COMPLAINT, "c-1", "c-1", " spindle bearings fail early "))
                .expectEvents(OPENED);
        fixture.givenNoPriorActivity().when(new OpenCapaCommand(ID, CapaSource.COMPLAINT, null, null, " "))
                .expectException(CommandValidationException.class)
                .expectExceptionMessage(containsString("problemStatement")).expectExceptionMessage(containsString("sourceId"));
    }

    @Nested
    class Decision {
        @Test
        void actionNeededStartsTheFirstCycle() {
            fixture.given(OPENED).when(new DecideCapaCommand(ID, true, "three failures this quarter")).expectEvents(ACTION_NEEDED);
        }

        @Test
        void noActionNeededClosesAsContinuousImprovement() {
            fixture.given(OPENED).when(new DecideCapaCommand(ID, false, "one-off, supplier already changed"))
                    .expectEvents(new CapaDecidedEvent(ID, false, "one-off, supplier already changed"),
                            new CapaClosedEvent(ID, CapaOutcome.CONTINUOUS_IMPROVEMENT, 0));
        }

        @Test
        void takenOnce() {
            fixture.given(OPENED, ACTION_NEEDED).when(new DecideCapaCommand(ID, false, "changed my mind"))
                    .expectException(IllegalTransitionException.class);
        }

        @Test
        void nothingHappensBeforeIt() {
            fixture.given(OPENED).when(new IdentifyRootCauseCommand(ID, RootCauseMethod.OTHER, "x", null))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("first decision"));
        }
    }

    @Nested
    class RootCauseAndPlan {
        @Test
        void containmentIsOptionalAndRecorded() {
            fixture.given(OPENED, ACTION_NEEDED).when(new RecordContainmentCommand(ID, "quarantine lot 2026-11"))
                    .expectEvents(new ContainmentRecordedEvent(ID, "quarantine lot 2026-11"));
        }

        @Test
        void rootCauseWithMethodAndFactors() {
            fixture.given(OPENED, ACTION_NEEDED).when(new IdentifyRootCauseCommand(ID, RootCauseMethod.FIVE_WHYS,
                            "bearing press-fit tolerance too loose", List.of(" worn fixture", "no incoming inspection ")))
                    .expectEvents(ROOT_CAUSE);
            fixture.given(OPENED, ACTION_NEEDED).when(new IdentifyRootCauseCommand(ID, null, "x", List.of("ok", " ")))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(containsString("method")).expectExceptionMessage(containsString("contributingFactors[1]"));
        }

        @Test
        void actionsFollowTheRootCause() {
            fixture.given(OPENED, ACTION_NEEDED).when(new PlanCapaActionCommand(ID, "a-1", CapaActionType.CORRECTIVE, "x", "zhang", DUE))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("root cause first"));
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE)
                    .when(new PlanCapaActionCommand(ID, "a-1", CapaActionType.CORRECTIVE, "replace the press-fit fixture", "zhang", DUE))
                    .expectEvents(FIX);
        }

        @Test
        void anActionNeedsTypeOwnerAndAFutureDueDate() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE)
                    .when(new PlanCapaActionCommand(ID, "a-1", null, "x", " ", LocalDate.of(2026, 11, 20)))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("type"))
                    .expectExceptionMessage(containsString("owner")).expectExceptionMessage(containsString("dueDate"));
        }

        @Test
        void anActionDueTodayIsAccepted() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE)
                    .when(new PlanCapaActionCommand(ID, "a-9", CapaActionType.CORRECTIVE, "x", "zhang", LocalDate.of(2026, 11, 21)))
                    .expectEvents(new CapaActionPlannedEvent(ID, "a-9", 1, CapaActionType.CORRECTIVE, "x", "zhang",
                            LocalDate.of(2026, 11, 21), Instant.parse("2026-11-21T16:00:00Z")));
        }
    }

    @Nested
    class DoAndCheck {
        @Test
        void completionWithEvidenceLateAfterTheDueTime() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX).when(new CompleteCapaActionCommand(ID, "a-1", "fixture FX-12 replaced"))
                    .expectEvents(FIX_DONE);
            at(DUE_AT.plusSeconds(1));
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX).when(new CompleteCapaActionCommand(ID, "a-1", "late"))
                    .expectEvents(new CapaActionCompletedEvent(ID, "a-1", 1, "late", true));
        }

        @Test
        void completedOnceUnknownIsNotFound() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE).when(new CompleteCapaActionCommand(ID, "a-1", "again"))
                    .expectException(IllegalTransitionException.class);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX).when(new CompleteCapaActionCommand(ID, "nope", "x"))
                    .expectException(NotFoundException.class);
        }

        @Test
        void checkNeedsEveryActionComplete() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, PREVENT, FIX_DONE).when(new CheckEffectivenessCommand(ID, true, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("must be complete"));
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE).when(new CheckEffectivenessCommand(ID, true, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("no action"));
        }

        @Test
        void notEffectiveStartsTheNextCycle() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE).when(new CheckEffectivenessCommand(ID, false, "failed again"))
                    .expectEvents(new EffectivenessCheckedEvent(ID, 1, false, "failed again"), new CapaCycleStartedEvent(ID, 2));
        }

        @Test
        void aCycleIsCheckedOnce() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE, EFFECTIVE).when(new CheckEffectivenessCommand(ID, true, "x"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("checked already"));
        }
    }

    @Nested
    class StandardizeAndClose {
        @Test
        void theWholeStoryInOneCycle() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, PREVENT, FIX_DONE, PREVENT_DONE, EFFECTIVE)
                    .when(new StandardizeCapaCommand(ID, List.of("WI-ASM-004 rev C", "IQC-BRG-01")))
                    .expectEvents(new CapaStandardizedEvent(ID, 1, List.of("WI-ASM-004 rev C", "IQC-BRG-01")));
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, PREVENT, FIX_DONE, PREVENT_DONE, EFFECTIVE,
                            new CapaStandardizedEvent(ID, 1, List.of("WI-ASM-004 rev C")))
                    .when(new CloseCapaCommand(ID)).expectEvents(new CapaClosedEvent(ID, CapaOutcome.EFFECTIVE, 1));
        }

        @Test
        void standardizationNeedsAnEffectiveCheckAndDocuments() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE).when(new StandardizeCapaCommand(ID, List.of("WI-1")))
                    .expectException(IllegalTransitionException.class);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE, EFFECTIVE).when(new StandardizeCapaCommand(ID, List.of()))
                    .expectException(CommandValidationException.class).expectExceptionMessage(containsString("documents"));
        }

        @Test
        void closeRefusedWithoutActions() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE).when(new CloseCapaCommand(ID))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("must be complete"));
        }

        @Test
        void closeRefusedWithAnOpenAction() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, PREVENT, FIX_DONE).when(new CloseCapaCommand(ID))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("must be complete"));
        }

        @Test
        void closeRefusedWithoutACheck() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE).when(new CloseCapaCommand(ID))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("must be effective"));
        }

        @Test
        void closeRefusedAfterANotEffectiveCheck() {
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE, new EffectivenessCheckedEvent(ID, 1, false, "x"),
                            new CapaCycleStartedEvent(ID, 2))
                    .when(new CloseCapaCommand(ID))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("cycle 2"));
        }

        @Test
        void closeRefusedBeforeTheDecisionAndWhenFinished() {
            fixture.given(OPENED).when(new CloseCapaCommand(ID)).expectException(IllegalTransitionException.class);
            fixture.given(OPENED, new CapaDecidedEvent(ID, false, "x"), new CapaClosedEvent(ID, CapaOutcome.CONTINUOUS_IMPROVEMENT, 0))
                    .when(new CloseCapaCommand(ID)).expectException(IllegalTransitionException.class)
                    .expectExceptionMessage(containsString("finished"));
        }

        @Test
        void twoCycleStory() {
            CapaActionPlannedEvent second = new CapaActionPlannedEvent(ID, "a-3", 2, CapaActionType.CORRECTIVE,
                    "change bearing supplier", "zhang", DUE, DUE_AT);
            RootCauseIdentifiedEvent deeper = new RootCauseIdentifiedEvent(ID, 2, RootCauseMethod.FISHBONE,
                    "supplier heat treatment out of spec", List.of());
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE,
                            new EffectivenessCheckedEvent(ID, 1, false, "failed again"), new CapaCycleStartedEvent(ID, 2))
                    .when(new IdentifyRootCauseCommand(ID, RootCauseMethod.FISHBONE, "supplier heat treatment out of spec", null))
                    .expectEvents(deeper);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE,
                            new EffectivenessCheckedEvent(ID, 1, false, "failed again"), new CapaCycleStartedEvent(ID, 2), deeper)
                    .when(new PlanCapaActionCommand(ID, "a-3", CapaActionType.CORRECTIVE, "change bearing supplier", "zhang", DUE))
                    .expectEvents(second);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE,
                            new EffectivenessCheckedEvent(ID, 1, false, "failed again"), new CapaCycleStartedEvent(ID, 2), deeper, second,
                            new CapaActionCompletedEvent(ID, "a-3", 2, "supplier B qualified", false),
                            new EffectivenessCheckedEvent(ID, 2, true, "no failure in 90 days"))
                    .when(new CloseCapaCommand(ID)).expectEvents(new CapaClosedEvent(ID, CapaOutcome.EFFECTIVE, 2));
        }
    }

    @Nested
    class SourceRetractionAndCancel {
        static final CapaSourceRetractedEvent RETRACTED = new CapaSourceRetractedEvent(ID, "c-1", "re-verified as not responsible");

        @Test
        void aRetractionIsRecordedOnceAndAllowsCancelling() {
            fixture.given(OPENED, ACTION_NEEDED).when(new RetractCapaSourceCommand(ID, "re-verified as not responsible"))
                    .expectEvents(RETRACTED);
            fixture.given(OPENED, ACTION_NEEDED, RETRACTED).when(new RetractCapaSourceCommand(ID, "again")).expectNoEvents();
            fixture.given(OPENED, ACTION_NEEDED, RETRACTED).when(new CancelCapaCommand(ID, "customer misuse after all"))
                    .expectEvents(new CapaCancelledEvent(ID, "customer misuse after all"));
        }

        @Test
        void aStandingSourceIsNotCancelled() {
            fixture.given(OPENED, ACTION_NEEDED).when(new CancelCapaCommand(ID, "no time"))
                    .expectException(IllegalTransitionException.class).expectExceptionMessage(containsString("source still stands"));
            fixture.given(OPENED, ACTION_NEEDED, RETRACTED, new CapaSourceConfirmedEvent(ID, "c-1"))
                    .when(new CancelCapaCommand(ID, "x")).expectException(IllegalTransitionException.class);
        }

        @Test
        void anInternalOneMayBeCancelled() {
            fixture.given(new CapaOpenedEvent(ID, CapaSource.INTERNAL, null, null, "scrap rate up")).when(new CancelCapaCommand(ID, "duplicate"))
                    .expectEvents(new CapaCancelledEvent(ID, "duplicate"));
        }

        @Test
        void aFinishedCapaKeepsItsHistory() {
            fixture.given(OPENED, new CapaDecidedEvent(ID, false, "x"), new CapaClosedEvent(ID, CapaOutcome.CONTINUOUS_IMPROVEMENT, 0))
                    .when(new RetractCapaSourceCommand(ID, "x")).expectNoEvents();
        }
    }

    @Nested
    class Overdue {
        @Test
        void raisedOnceAfterTheDueTimeForAnOpenAction() {
            at(DUE_AT.plusSeconds(1));
            CapaActionOverdueEvent overdue = new CapaActionOverdueEvent(ID, "a-1", 1, "zhang", DUE_AT);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX).when(new RecordActionOverdueCommand(ID, "a-1"))
                    .expectEvents(overdue).expectResultMessagePayload(true);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, overdue).when(new RecordActionOverdueCommand(ID, "a-1"))
                    .expectNoEvents().expectResultMessagePayload(false);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX, FIX_DONE).when(new RecordActionOverdueCommand(ID, "a-1"))
                    .expectNoEvents().expectResultMessagePayload(false);
        }

        @Test
        void notBeforeTheDueTime() {
            at(DUE_AT);
            fixture.given(OPENED, ACTION_NEEDED, ROOT_CAUSE, FIX).when(new RecordActionOverdueCommand(ID, "a-1"))
                    .expectNoEvents().expectResultMessagePayload(false);
        }
    }
}
