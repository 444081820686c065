package com.servicedesk.events.intake;

/** The complaint's clocks (DOMAIN.md, SLA clocks); each runs from receipt of the complaint. */
public enum SlaClock { ACKNOWLEDGE, REPLY, ON_SITE }
