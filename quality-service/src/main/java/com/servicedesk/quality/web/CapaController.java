package com.servicedesk.quality.web;

import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.events.quality.CapaStatus;
import com.servicedesk.platform.audit.EventHistory;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.idempotency.Idempotent;
import com.servicedesk.platform.validation.Violations;
import com.servicedesk.platform.web.NotFoundException;
import com.servicedesk.quality.command.CancelCapaCommand;
import com.servicedesk.quality.command.CheckEffectivenessCommand;
import com.servicedesk.quality.command.CloseCapaCommand;
import com.servicedesk.quality.command.CompleteCapaActionCommand;
import com.servicedesk.quality.command.DecideCapaCommand;
import com.servicedesk.quality.command.IdentifyRootCauseCommand;
import com.servicedesk.quality.command.OpenCapaCommand;
import com.servicedesk.quality.command.PlanCapaActionCommand;
import com.servicedesk.quality.command.RecordContainmentCommand;
import com.servicedesk.quality.command.StandardizeCapaCommand;
import com.servicedesk.quality.query.CapaQuery;
import com.servicedesk.quality.query.CapaStatistics;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The CAPA API (API.md, CAPA). CAPAs from complaints and service reports open by themselves; by hand only
 * {@code source: INTERNAL}. Commands answer {@code {capaId, version}}.
 */
@RestController
@RequestMapping(path = "/api/v1/capas", produces = MediaType.APPLICATION_JSON_VALUE)
public class CapaController {
    private final CommandDispatcher commands;
    private final CapaQuery capas;
    private final CapaStatistics statistics;
    private final EventHistory history;

    public CapaController(CommandDispatcher commands, CapaQuery capas, CapaStatistics statistics, EventHistory history) {
        this.commands = commands;
        this.capas = capas;
        this.statistics = statistics;
        this.history = history;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    @Idempotent
    public ResponseEntity<Map<String, Object>> open(@RequestBody CapaRequests.Open request) {
        new Violations().required("source", request.source())
                .check(request.source() == null || request.source() == CapaSource.INTERNAL, "source",
                        "must be INTERNAL: CAPAs from complaints and service reports open by themselves")
                .throwIfAny();
        String capaId = UUID.randomUUID().toString();
        commands.send(new OpenCapaCommand(capaId, CapaSource.INTERNAL, null, null, request.problemStatement()), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("capaId", capaId);
        body.put("status", CapaStatus.OPEN);
        body.put("version", 0L);
        return ResponseEntity.created(URI.create("/api/v1/capas/" + capaId)).body(body);
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) CapaStatus status,
                                    @RequestParam(required = false) CapaSource source,
                                    @RequestParam(required = false) String owner,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return capas.list(status, source, owner, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    @GetMapping("/overdue-actions")
    public List<Map<String, Object>> overdueActions(@RequestParam(required = false) String owner) {
        return capas.overdueActions(owner);
    }

    @GetMapping("/statistics")
    public Map<String, Object> statistics() {
        return statistics.compute();
    }

    @GetMapping("/{capaId}")
    public Map<String, Object> get(@PathVariable String capaId) {
        return capas.byId(capaId).orElseThrow(() -> new NotFoundException("CAPA", capaId));
    }

    @PostMapping(path = "/{capaId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> decide(@PathVariable String capaId, @RequestBody CapaRequests.Decision request) {
        return changed(capaId, new DecideCapaCommand(capaId, request.actionNeeded(), request.rationale()));
    }

    @PostMapping(path = "/{capaId}/containment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> contain(@PathVariable String capaId, @RequestBody CapaRequests.Containment request) {
        return changed(capaId, new RecordContainmentCommand(capaId, request.actions()));
    }

    @PostMapping(path = "/{capaId}/root-cause", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> rootCause(@PathVariable String capaId, @RequestBody CapaRequests.RootCause request) {
        return changed(capaId, new IdentifyRootCauseCommand(capaId, request.method(), request.rootCause(), request.contributingFactors()));
    }

    @PostMapping(path = "/{capaId}/actions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public ResponseEntity<Map<String, Object>> planAction(@PathVariable String capaId, @RequestBody CapaRequests.Action request) {
        String actionId = UUID.randomUUID().toString();
        Map<String, Object> body = changed(capaId, new PlanCapaActionCommand(capaId, actionId, request.type(), request.description(),
                request.owner(), request.dueDate()));
        body.put("actionId", actionId);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/capas/" + capaId)).body(body);
    }

    @PostMapping(path = "/{capaId}/actions/{actionId}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> completeAction(@PathVariable String capaId, @PathVariable String actionId,
                                              @RequestBody CapaRequests.ActionCompletion request) {
        return changed(capaId, new CompleteCapaActionCommand(capaId, actionId, request.evidence()));
    }

    @PostMapping(path = "/{capaId}/effectiveness-check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> check(@PathVariable String capaId, @RequestBody CapaRequests.EffectivenessCheck request) {
        return changed(capaId, new CheckEffectivenessCommand(capaId, request.effective(), request.evidence()));
    }

    @PostMapping(path = "/{capaId}/standardization", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> standardize(@PathVariable String capaId, @RequestBody CapaRequests.Standardization request) {
        return changed(capaId, new StandardizeCapaCommand(capaId, request.documents()));
    }

    @PostMapping(path = "/{capaId}/closure")
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> close(@PathVariable String capaId) {
        return changed(capaId, new CloseCapaCommand(capaId));
    }

    @PostMapping(path = "/{capaId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('QUALITY')")
    public Map<String, Object> cancel(@PathVariable String capaId, @RequestBody CapaRequests.Reason request) {
        return changed(capaId, new CancelCapaCommand(capaId, request.reason()));
    }

    /** The CAPA's complaint (its opening's correlation; none for an internal one) stays the correlation id. */
    private Map<String, Object> changed(String capaId, Object command) {
        long version = commands.send(command, history.correlationIdOf("CAPA", capaId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("capaId", capaId);
        body.put("version", version);
        return body;
    }
}
