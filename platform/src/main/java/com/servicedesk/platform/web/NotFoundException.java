package com.servicedesk.platform.web;

/** An unknown id; answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
