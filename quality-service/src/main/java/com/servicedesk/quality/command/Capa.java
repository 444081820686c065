package com.servicedesk.quality.command;

import com.servicedesk.events.quality.CapaActionCompletedEvent;
import com.servicedesk.events.quality.CapaActionOverdueEvent;
import com.servicedesk.events.quality.CapaActionPlannedEvent;
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
import com.servicedesk.events.quality.CapaStatus;
import com.servicedesk.events.quality.ContainmentRecordedEvent;
import com.servicedesk.events.quality.EffectivenessCheckedEvent;
import com.servicedesk.events.quality.RootCauseIdentifiedEvent;
import com.servicedesk.platform.validation.Violations;
import com.servicedesk.platform.web.IllegalTransitionException;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.servicedesk.events.quality.CapaStatus.IN_PROGRESS;
import static com.servicedesk.events.quality.CapaStatus.OPEN;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A corrective / preventive action record (DOMAIN.md, CAPA): first decision, optional containment, root cause, then
 * PDCA cycles (plan actions → complete them with evidence → check effectiveness; not effective → the next cycle;
 * effective → standardize → close). Decisions where the procedure is silent:
 * <ul>
 *   <li>Actions are planned once a root cause is on record (Plan follows the analysis); the root cause may be revised
 *       in a later cycle, when the first one proved not to be the whole story.</li>
 *   <li>A cycle is checked once, when it has at least one action and all of them are complete; after an effective
 *       check no more actions are added to it.</li>
 *   <li>Standardization is recorded after an effective check; closing needs the effective check and every action of
 *       the current cycle complete, not the standardization (some fixes change no document).</li>
 *   <li>Cancellation is for a CAPA whose source was retracted (the complaint re-verified as not our product's fault) or
 *       an internal one opened by mistake; a CAPA from a standing defect is finished through its cycles or the first
 *       decision, never cancelled.</li>
 *   <li>A due date may not lie in the past when planned: an action born overdue is a planning error.</li>
 * </ul>
 */
@Aggregate
public class Capa {
    @AggregateIdentifier
    private String capaId;
    private CapaStatus status;
    private long version;
    private CapaSource source;
    private String sourceId;
    private int cycle;
    private boolean rootCauseKnown;
    private boolean sourceRetracted;
    /** The current cycle's effectiveness check: null while not checked. */
    private Boolean currentCycleEffective;
    private final Map<String, Action> actions = new LinkedHashMap<>();

    private record Action(int cycle, String owner, Instant dueAt, boolean complete, boolean overdueRaised) {
        Action completed() {
            return new Action(cycle, owner, dueAt, true, overdueRaised);
        }

        Action overdue() {
            return new Action(cycle, owner, dueAt, complete, true);
        }
    }

    protected Capa() {
        // for Axon
    }

    @CommandHandler
    public Capa(OpenCapaCommand command) {
        new Violations().required("source", command.source())
                .requiredText("problemStatement", command.problemStatement(), 4000)
                .check(command.source() == CapaSource.INTERNAL || command.sourceId() != null, "sourceId",
                        "is required for a CAPA from a complaint or a service report")
                .throwIfAny();
        apply(new CapaOpenedEvent(command.capaId(), command.source(), command.sourceId(), command.complaintId(),
                command.problemStatement().trim()));
    }

    @CommandHandler
    public long handle(DecideCapaCommand command) {
        new Violations().required("actionNeeded", command.actionNeeded())
                .requiredText("rationale", command.rationale(), 4000).throwIfAny();
        require(status == OPEN, "decide", "the first decision is taken once, on an open CAPA");
        apply(new CapaDecidedEvent(capaId, command.actionNeeded(), command.rationale().trim()));
        if (!command.actionNeeded()) {
            apply(new CapaClosedEvent(capaId, CapaOutcome.CONTINUOUS_IMPROVEMENT, 0));
        }
        return version;
    }

    @CommandHandler
    public long handle(RecordContainmentCommand command) {
        new Violations().requiredText("actions", command.actions(), 4000).throwIfAny();
        requireInProgress("record containment");
        apply(new ContainmentRecordedEvent(capaId, command.actions().trim()));
        return version;
    }

    @CommandHandler
    public long handle(IdentifyRootCauseCommand command) {
        List<String> factors = command.contributingFactors() == null ? List.of() : command.contributingFactors();
        Violations violations = new Violations().required("method", command.method())
                .requiredText("rootCause", command.rootCause(), 4000)
                .check(factors.size() <= 50, "contributingFactors", "must hold at most 50 factors");
        for (int i = 0; i < factors.size(); i++) {
            violations.requiredText("contributingFactors[" + i + "]", factors.get(i), 1000);
        }
        violations.throwIfAny();
        requireInProgress("record the root cause");
        apply(new RootCauseIdentifiedEvent(capaId, cycle, command.method(), command.rootCause().trim(),
                factors.stream().map(String::trim).toList()));
        return version;
    }

    @CommandHandler
    public long handle(PlanCapaActionCommand command, CapaPolicy policy, Clock clock) {
        new Violations().required("type", command.type())
                .requiredText("description", command.description(), 4000)
                .requiredText("owner", command.owner(), 100)
                .required("dueDate", command.dueDate())
                .check(command.dueDate() == null || !command.dueDate().isBefore(policy.today(clock.instant())), "dueDate",
                        "must not be in the past")
                .throwIfAny();
        requireInProgress("plan an action");
        require(rootCauseKnown, "plan an action", "record the root cause first");
        require(!Boolean.TRUE.equals(currentCycleEffective), "plan an action",
                "cycle " + cycle + " was checked effective; standardize and close it");
        apply(new CapaActionPlannedEvent(capaId, command.actionId(), cycle, command.type(), command.description().trim(),
                command.owner().trim(), command.dueDate(), policy.dueAt(command.dueDate())));
        return version;
    }

    @CommandHandler
    public long handle(CompleteCapaActionCommand command, Clock clock) {
        new Violations().requiredText("evidence", command.evidence(), 4000).throwIfAny();
        Action action = action(command.actionId());
        requireInProgress("complete an action");
        require(!action.complete(), "complete action " + command.actionId(), "it is complete already");
        apply(new CapaActionCompletedEvent(capaId, command.actionId(), action.cycle(), command.evidence().trim(),
                clock.instant().isAfter(action.dueAt())));
        return version;
    }

    @CommandHandler
    public long handle(CheckEffectivenessCommand command) {
        new Violations().required("effective", command.effective())
                .requiredText("evidence", command.evidence(), 4000).throwIfAny();
        requireInProgress("check effectiveness");
        require(currentCycleEffective == null, "check effectiveness", "cycle " + cycle + " was checked already");
        require(!currentActions().isEmpty(), "check effectiveness", "cycle " + cycle + " has no action yet");
        require(currentActions().stream().allMatch(Action::complete), "check effectiveness",
                "every action of cycle " + cycle + " must be complete first");
        apply(new EffectivenessCheckedEvent(capaId, cycle, command.effective(), command.evidence().trim()));
        if (!command.effective()) {
            apply(new CapaCycleStartedEvent(capaId, cycle + 1));
        }
        return version;
    }

    @CommandHandler
    public long handle(StandardizeCapaCommand command) {
        List<String> documents = command.documents() == null ? List.of() : command.documents();
        Violations violations = new Violations().check(!documents.isEmpty(), "documents", "must name at least one document");
        for (int i = 0; i < documents.size(); i++) {
            violations.requiredText("documents[" + i + "]", documents.get(i), 500);
        }
        violations.throwIfAny();
        requireInProgress("standardize");
        require(Boolean.TRUE.equals(currentCycleEffective), "standardize", "the last effectiveness check must be effective");
        apply(new CapaStandardizedEvent(capaId, cycle, documents.stream().map(String::trim).toList()));
        return version;
    }

    @CommandHandler
    public long handle(CloseCapaCommand command) {
        requireInProgress("close it");
        require(!currentActions().isEmpty() && currentActions().stream().allMatch(Action::complete), "close it",
                "every action of cycle " + cycle + " must be complete");
        require(Boolean.TRUE.equals(currentCycleEffective), "close it", "the last effectiveness check must be effective");
        apply(new CapaClosedEvent(capaId, CapaOutcome.EFFECTIVE, cycle));
        return version;
    }

    @CommandHandler
    public long handle(CancelCapaCommand command) {
        new Violations().requiredText("reason", command.reason(), 2000).throwIfAny();
        require(!status.isFinished(), "cancel it", "it is finished");
        require(sourceRetracted || source == CapaSource.INTERNAL, "cancel it",
                "its source still stands; finish it through its cycles, or close it by the first decision");
        apply(new CapaCancelledEvent(capaId, command.reason().trim()));
        return version;
    }

    /** Recorded on an unfinished CAPA; a finished one keeps its history as it was. */
    @CommandHandler
    public long handle(RetractCapaSourceCommand command) {
        if (!status.isFinished() && !sourceRetracted) {
            apply(new CapaSourceRetractedEvent(capaId, sourceId, command.reason()));
        }
        return version;
    }

    @CommandHandler
    public long handle(ConfirmCapaSourceCommand command) {
        if (!status.isFinished() && sourceRetracted) {
            apply(new CapaSourceConfirmedEvent(capaId, sourceId));
        }
        return version;
    }

    /** @return whether this raised the event */
    @CommandHandler
    public boolean handle(RecordActionOverdueCommand command, Clock clock) {
        Action action = actions.get(command.actionId());
        if (action == null || action.complete() || action.overdueRaised() || status != IN_PROGRESS
                || !clock.instant().isAfter(action.dueAt())) {
            return false;
        }
        apply(new CapaActionOverdueEvent(capaId, command.actionId(), action.cycle(), action.owner(), action.dueAt()));
        return true;
    }

    private Action action(String actionId) {
        Action action = actions.get(actionId);
        if (action == null) {
            throw new NotFoundException("CAPA action", actionId);
        }
        return action;
    }

    private List<Action> currentActions() {
        return actions.values().stream().filter(a -> a.cycle() == cycle).toList();
    }

    private void requireInProgress(String action) {
        require(status == IN_PROGRESS, action, status == OPEN ? "take the first decision first" : "it is finished");
    }

    private void require(boolean allowed, String action, String what) {
        if (!allowed) {
            throw new IllegalTransitionException("CAPA " + capaId + " is " + status + (status == IN_PROGRESS ? " in cycle " + cycle : "")
                    + "; cannot " + action + ": " + what + ".");
        }
    }

    @EventSourcingHandler
    void on(CapaOpenedEvent event, @SequenceNumber long sequence) {
        capaId = event.capaId();
        status = OPEN.after(event);
        source = event.source();
        sourceId = event.sourceId();
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaDecidedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        if (event.actionNeeded()) {
            cycle = 1;
        }
        version = sequence;
    }

    @EventSourcingHandler
    void on(ContainmentRecordedEvent event, @SequenceNumber long sequence) {
        version = sequence;
    }

    @EventSourcingHandler
    void on(RootCauseIdentifiedEvent event, @SequenceNumber long sequence) {
        rootCauseKnown = true;
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaActionPlannedEvent event, @SequenceNumber long sequence) {
        actions.put(event.actionId(), new Action(event.cycle(), event.owner(), event.dueAt(), false, false));
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaActionCompletedEvent event, @SequenceNumber long sequence) {
        actions.computeIfPresent(event.actionId(), (id, action) -> action.completed());
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaActionOverdueEvent event, @SequenceNumber long sequence) {
        actions.computeIfPresent(event.actionId(), (id, action) -> action.overdue());
        version = sequence;
    }

    @EventSourcingHandler
    void on(EffectivenessCheckedEvent event, @SequenceNumber long sequence) {
        currentCycleEffective = event.effective();
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaCycleStartedEvent event, @SequenceNumber long sequence) {
        cycle = event.cycle();
        currentCycleEffective = null;
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaStandardizedEvent event, @SequenceNumber long sequence) {
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaClosedEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaSourceRetractedEvent event, @SequenceNumber long sequence) {
        sourceRetracted = true;
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaSourceConfirmedEvent event, @SequenceNumber long sequence) {
        sourceRetracted = false;
        version = sequence;
    }

    @EventSourcingHandler
    void on(CapaCancelledEvent event, @SequenceNumber long sequence) {
        status = status.after(event);
        version = sequence;
    }
}
