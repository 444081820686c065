package com.servicedesk.platform.web;

/** A command the aggregate's current state does not allow; answered with 409 and the message as detail. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
