package com.servicedesk.platform.idempotency;

import com.servicedesk.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The first request with this key is still running: answered with 409; retrying later gets its response. */
public class IdempotentRequestInProgressException extends ErrorResponseException {
    private static final String TITLE = "Request in progress";

    public IdempotentRequestInProgressException() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "A request with this " + IdempotencyInterceptor.HEADER + " is still being processed; retry in a moment.");
        problem.setTitle(TITLE);
        problem.setType(Problems.type(Problems.slug(TITLE)));
        return problem;
    }
}
