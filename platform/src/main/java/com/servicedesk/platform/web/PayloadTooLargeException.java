package com.servicedesk.platform.web;

import java.io.IOException;

/** The request body passed the configured limit while being read; answered with 413. */
public class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
