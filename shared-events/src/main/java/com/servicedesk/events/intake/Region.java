package com.servicedesk.events.intake;

/** Decides the on-site clock: 1 working day in-province, 3 out of it. */
public enum Region { IN_PROVINCE, OUT_OF_PROVINCE }
