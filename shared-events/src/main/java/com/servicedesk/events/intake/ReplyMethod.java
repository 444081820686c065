package com.servicedesk.events.intake;

/** How the answer reached the customer. */
public enum ReplyMethod { PHONE, EMAIL, LETTER, FAX, VISIT }
