package com.servicedesk.platform;

import com.servicedesk.platform.validation.Violations;
import com.servicedesk.platform.web.IllegalTransitionException;
import com.servicedesk.platform.web.NotFoundException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.nio.charset.StandardCharsets;

import java.time.LocalDate;
import java.util.Map;

/** A minimal service on the platform, for the platform's own tests. */
@SpringBootApplication
public class PlatformTestApplication {

    public enum Colour { RED, GREEN }

    public record Thing(String name, Colour colour, LocalDate since, Integer count) {
    }

    @RestController
    @RequestMapping(path = "/api/v1/things", produces = "application/json")
    static class ThingController {
        @PostMapping(consumes = "application/json")
        @ResponseStatus(HttpStatus.CREATED)
        @PreAuthorize("hasRole('AGENT')")
        Map<String, Object> create(@RequestBody Thing thing) {
            new Violations().requiredText("name", thing.name(), 10).required("colour", thing.colour()).throwIfAny();
            return Map.of("name", thing.name());
        }

        @GetMapping("/{id}")
        Map<String, Object> get(@PathVariable String id) {
            throw new NotFoundException("Thing", id);
        }

        /** Streamed like the audit trails: the body is written on another thread, then an ASYNC dispatch ends it. */
        @GetMapping("/{id}/history")
        @PreAuthorize("hasRole('AUDITOR')")
        ResponseEntity<StreamingResponseBody> history(@PathVariable String id) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(out -> out.write(("[\"" + id + " opened\",\"" + id + " closed\"]").getBytes(StandardCharsets.UTF_8)));
        }

        @PostMapping("/{id}/closure")
        @PreAuthorize("hasRole('AGENT')")
        Map<String, Object> close(@PathVariable String id) {
            throw new IllegalTransitionException("Thing " + id + " is CLOSED; only an open thing can be closed");
        }
    }
}
