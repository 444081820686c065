package com.servicedesk.platform.axon;

import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.metadata.CurrentActor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;

/**
 * The one way services send commands: every command carries who asked ({@code actor}) and the complaint it belongs to
 * ({@code correlationId}); {@link AuditCorrelationDataProvider} copies both onto the events it causes.
 */
public class CommandDispatcher {
    private final CommandGateway gateway;

    public CommandDispatcher(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** On behalf of the authenticated user of the current request. */
    public <R> R send(Object command, String correlationId) {
        return dispatch(command, CurrentActor.name(), correlationId, null);
    }

    /** On behalf of a component reacting to another message, e.g. a foreign event from Kafka. */
    public <R> R sendCausedBy(Object command, String component, String correlationId, String causationId) {
        return dispatch(command, AuditMetadata.systemActor(component), correlationId, causationId);
    }

    private <R> R dispatch(Object command, String actor, String correlationId, String causationId) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AuditMetadata.ACTOR, actor);
        if (correlationId != null) {
            metaData.put(AuditMetadata.CORRELATION_ID, correlationId);
        }
        if (causationId != null) {
            metaData.put(AuditMetadata.CAUSATION_ID, causationId);
        }
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
    }
}
