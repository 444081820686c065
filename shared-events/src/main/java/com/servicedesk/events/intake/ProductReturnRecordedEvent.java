package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

/** Goods came back (退货); the yearly report counts returns and quantities. */
@Revision("1")
public record ProductReturnRecordedEvent(String complaintId, String returnId, int quantity, String reason) {
}
