package com.servicedesk.events.intake;

/** Declared from least to most severe: the dispatch queue relies on this order. */
public enum Severity { LOW, MEDIUM, HIGH, EMERGENCY }
