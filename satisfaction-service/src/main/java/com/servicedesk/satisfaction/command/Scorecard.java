package com.servicedesk.satisfaction.command;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.satisfaction.DeductionAppliedEvent;
import com.servicedesk.events.satisfaction.DeductionCorrectedEvent;
import com.servicedesk.events.satisfaction.DeductionReversedEvent;
import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import com.servicedesk.platform.validation.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer's satisfaction scorecard for one year (DOMAIN.md, Satisfaction scorecard; id: {@link ScorecardId}).
 * Either a survey response or a verified complaint may come first, so both create it when missing: a scorecard with
 * deductions and no survey response yet has no base or final score (null) until the customer answers.
 * <p>
 * Survey responses: the latest of the year by {@code respondedAt} counts; an earlier one (a late-entered form) is
 * recorded for the history without changing the score; on equal times the later-recorded one counts.
 * <p>
 * Deductions: at most one per complaint, following the complaint's latest verification: company-responsible adds it,
 * another category corrects it, not responsible reverses it. A verification older than or equal to one already taken
 * into account (Kafka redelivery, a replay) changes nothing, so a complaint is never deducted twice.
 * <p>
 * The post-service rating a customer gives when signing off a service order is not a survey response and never
 * reaches a scorecard: the scorecard is the yearly survey and complaints only.
 */
@Aggregate
public class Scorecard {
    /** A response time up to this much ahead of our clock is "now" (the agent's PC clock may run a little fast). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    @AggregateIdentifier
    private String scorecardId;
    private long version;
    /** When the response that counts was given; null until the first response. */
    private Instant countedRespondedAt;
    private BigDecimal baseScore;
    /** Deductions in force, by complaint. */
    private final Map<String, Deduction> deductions = new HashMap<>();
    /** The latest complaint event taken into account, by complaint. */
    private final Map<String, Long> complaintSequences = new HashMap<>();

    private record Deduction(ComplaintCategory category, int points) {
    }

    protected Scorecard() {
        // for Axon: also how a missing scorecard starts
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RecordSurveyResponseCommand command, ScoringPolicy policy, Clock clock) {
        validate(command, policy, clock.instant());
        BigDecimal responseScore = policy.baseScore(command.answers());
        boolean counted = countedRespondedAt == null || !command.respondedAt().isBefore(countedRespondedAt);
        apply(new SurveyResponseRecordedEvent(command.scorecardId(), command.customerId().trim(), command.year(),
                command.surveyId(), command.respondedAt(), policy.itemScores(command.answers()), responseScore,
                blankToNull(command.comments()), counted,
                policy.score(counted ? responseScore : baseScore, totalDeductions())));
        return version;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RecordComplaintVerificationCommand command, ScoringPolicy policy) {
        new Violations().requiredText("complaintId", command.complaintId(), 255)
                .requiredText("customerId", command.customerId(), 64)
                .required("category", command.category()).throwIfAny();
        Long seen = complaintSequences.get(command.complaintId());
        if (seen != null && command.complaintSequence() <= seen) {
            return version;
        }
        Deduction current = deductions.get(command.complaintId());
        int total = totalDeductions();
        if (command.companyResponsible()) {
            int points = policy.deductionPoints(command.category());
            if (current == null) {
                apply(new DeductionAppliedEvent(command.scorecardId(), command.customerId().trim(), command.year(),
                        command.complaintId(), command.category(), points, command.complaintSequence(),
                        policy.score(baseScore, total + points)));
            } else if (current.category() != command.category()) {
                apply(new DeductionCorrectedEvent(command.scorecardId(), command.customerId().trim(), command.year(),
                        command.complaintId(), command.category(), points, current.category(), current.points(),
                        command.complaintSequence(), policy.score(baseScore, total - current.points() + points)));
            }
        } else if (current != null) {
            apply(new DeductionReversedEvent(command.scorecardId(), command.customerId().trim(), command.year(),
                    command.complaintId(), current.category(), current.points(), command.complaintSequence(),
                    policy.score(baseScore, total - current.points())));
        }
        return version;
    }

    private int totalDeductions() {
        return deductions.values().stream().mapToInt(Deduction::points).sum();
    }

    private static void validate(RecordSurveyResponseCommand command, ScoringPolicy policy, Instant now) {
        Violations violations = new Violations()
                .requiredText("customerId", command.customerId(), 64)
                .required("year", command.year())
                .required("respondedAt", command.respondedAt())
                .notAfter("respondedAt", command.respondedAt(), now.plus(CLOCK_SKEW))
                .maxLength("comments", command.comments(), 4000);
        if (command.year() != null && command.respondedAt() != null) {
            int answeredIn = policy.yearOf(command.respondedAt());
            violations.check(answeredIn == command.year(), "year",
                    "must be the year the survey was answered in (respondedAt is in " + answeredIn + ", " + policy.zone() + ")");
        }
        policy.checkAnswers(command.answers(), violations);
        violations.throwIfAny();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @EventSourcingHandler
    void on(SurveyResponseRecordedEvent event, @SequenceNumber long sequence) {
        scorecardId = event.scorecardId();
        if (event.counted()) {
            countedRespondedAt = event.respondedAt();
            baseScore = event.baseScore();
        }
        version = sequence;
    }

    @EventSourcingHandler
    void on(DeductionAppliedEvent event, @SequenceNumber long sequence) {
        scorecardId = event.scorecardId();
        deductions.put(event.complaintId(), new Deduction(event.category(), event.points()));
        complaintSequences.put(event.complaintId(), event.complaintSequence());
        version = sequence;
    }

    @EventSourcingHandler
    void on(DeductionCorrectedEvent event, @SequenceNumber long sequence) {
        deductions.put(event.complaintId(), new Deduction(event.category(), event.points()));
        complaintSequences.put(event.complaintId(), event.complaintSequence());
        version = sequence;
    }

    @EventSourcingHandler
    void on(DeductionReversedEvent event, @SequenceNumber long sequence) {
        deductions.remove(event.complaintId());
        complaintSequences.put(event.complaintId(), event.complaintSequence());
        version = sequence;
    }
}
