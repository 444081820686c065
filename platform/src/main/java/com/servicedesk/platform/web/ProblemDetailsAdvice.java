package com.servicedesk.platform.web;

import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.validation.FieldViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.UUID;

/**
 * Every error path answers RFC 9457 {@code application/problem+json}: 400 with an {@code errors} list naming the
 * fields, 404 for unknown ids, 409 for illegal transitions and concurrent changes, 413 for large bodies, 415/406 from
 * Spring's own handling. Never a stack trace; an unexpected failure is 500 with a reference that is logged.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(CommandValidationException.class)
    public ResponseEntity<ProblemDetail> invalidCommand(CommandValidationException e) {
        return validationProblem(e.violations());
    }

    @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
    public ResponseEntity<ProblemDetail> notFound(Exception e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(IllegalTransitionException.class)
    public ResponseEntity<ProblemDetail> illegalTransition(IllegalTransitionException e) {
        return problem(HttpStatus.CONFLICT, "Illegal state transition", e.getMessage());
    }

    /** Another writer appended the same sequence first (or created the same aggregate): one wins, the rest get 409. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ResponseEntity<ProblemDetail> concurrentChange(Exception e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change",
                "Someone else changed this record at the same time; reload it and try again.");
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this request.");
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required.");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", e.getMessage());
    }

    /** Axon wraps some handler failures; answer for the cause as if it had come directly. */
    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof CommandValidationException c) {
            return invalidCommand(c);
        }
        if (cause instanceof IllegalTransitionException c) {
            return illegalTransition(c);
        }
        if (cause instanceof NotFoundException || cause instanceof AggregateNotFoundException) {
            return notFound((Exception) cause);
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            return concurrentChange((Exception) cause);
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        LOG.error("unexpected failure, reference {}", reference, e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed; quote reference " + reference + " to support.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), error.getDefaultMessage()))
                .toList();
        return widen(validationProblem(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return widen(tooLarge(tooLarge));
            }
        }
        String field = fieldOf(ex);
        if (field != null) {
            return widen(validationProblem(List.of(new FieldViolation(field, "has a value of the wrong type or format"))));
        }
        return widen(problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                "The request body is missing or is not well-formed JSON."));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        return widen(validationProblem(List.of(new FieldViolation(name, "has a value of the wrong type or format"))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail && detail.getType() == null) {
            detail.setType(Problems.type(Problems.slug(detail.getTitle() == null ? "error" : detail.getTitle())));
        }
        return response;
    }

    /** The JSON path of the offending property ({@code contact.email}, {@code answers[3]}), or null. */
    private static String fieldOf(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        if (!path.isEmpty()) {
                            path.append('.');
                        }
                        path.append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> validationProblem(List<FieldViolation> violations) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "One or more fields are invalid: " + String.join(", ", violations.stream().map(FieldViolation::field).toList()) + ".");
        response.getBody().setProperty("errors", violations);
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(Problems.type(Problems.slug(title)));
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
