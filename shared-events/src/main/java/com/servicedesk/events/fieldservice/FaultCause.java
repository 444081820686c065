package com.servicedesk.events.fieldservice;

/** The cause found on site (DOMAIN.md, Service order). */
public enum FaultCause {
    PRODUCT_DEFECT, INSTALLATION, CUSTOMER_MISUSE, WEAR, UNKNOWN
}
