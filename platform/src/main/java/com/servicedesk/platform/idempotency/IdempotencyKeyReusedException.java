package com.servicedesk.platform.idempotency;

import com.servicedesk.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The key was used before with another body: answered with 422 (Spring's problem handling maps it). */
public class IdempotencyKeyReusedException extends ErrorResponseException {
    private static final String TITLE = "Idempotency key reused";

    public IdempotencyKeyReusedException() {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "This " + IdempotencyInterceptor.HEADER + " was used for a request with another body; "
                        + "send a new key with a new request.");
        problem.setTitle(TITLE);
        problem.setType(Problems.type(Problems.slug(TITLE)));
        return problem;
    }
}
