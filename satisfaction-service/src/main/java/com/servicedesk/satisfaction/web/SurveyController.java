package com.servicedesk.satisfaction.web;

import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.idempotency.Idempotent;
import com.servicedesk.satisfaction.command.RecordSurveyResponseCommand;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

@RestController
public class SurveyController {
    private final CommandDispatcher commands;
    private final EventStore eventStore;

    public SurveyController(CommandDispatcher commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    /** 201 with the scorecard as {@code Location}; the answer carries this response's score and whether it counts. */
    @PostMapping(path = "/api/v1/surveys", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AGENT')")
    @Idempotent
    public ResponseEntity<Map<String, Object>> record(@RequestBody RecordSurveyRequest request) {
        RecordSurveyResponseCommand command = new RecordSurveyResponseCommand(UUID.randomUUID().toString(),
                request.customerId(), request.year(), request.respondedAt(), request.answers(), request.comments());
        long version = commands.send(command, command.scorecardId());

        // the scores are the aggregate's to compute: answer with what it stored
        SurveyResponseRecordedEvent recorded = (SurveyResponseRecordedEvent) eventStore
                .readEvents(command.scorecardId(), version).next().getPayload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scorecardId", recorded.scorecardId());
        body.put("customerId", recorded.customerId());
        body.put("year", recorded.year());
        body.put("surveyId", recorded.surveyId());
        body.put("baseScore", recorded.baseScore());
        body.put("counted", recorded.counted());
        body.put("finalScore", recorded.score().finalScore());
        body.put("satisfied", recorded.score().satisfied());
        body.put("version", version);
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/scorecards/{customerId}/{year}")
                .buildAndExpand(recorded.customerId(), recorded.year()).encode().toUri()).body(body);
    }
}
