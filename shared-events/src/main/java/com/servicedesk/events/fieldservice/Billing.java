package com.servicedesk.events.fieldservice;

/** Warranty (三包, free) or paid service (seed 000 §6.5 (8)). */
public enum Billing {
    IN_WARRANTY, PAID
}
