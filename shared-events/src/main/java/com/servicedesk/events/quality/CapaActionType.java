package com.servicedesk.events.quality;

/** Corrective (remove the cause of this nonconformity) or preventive (stop it happening elsewhere). */
public enum CapaActionType {
    CORRECTIVE, PREVENTIVE
}
