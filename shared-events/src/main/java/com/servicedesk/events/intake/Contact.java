package com.servicedesk.events.intake;

/** The person to talk to about the complaint; phone or e-mail may be missing, not both. */
public record Contact(String name, String phone, String email) {
}
