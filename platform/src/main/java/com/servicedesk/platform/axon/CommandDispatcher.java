package com.servicedesk.platform.axon;

import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.metadata.CurrentActor;
import com.servicedesk.platform.web.ServerTiming;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;

import java.nio.charset.StandardCharsets;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

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

    /**
     * Creates an aggregate whose id is derived from what caused it ({@link #derivedId}), once: a second attempt, from
     * a redelivered event however it slipped past the consumer's checks, meets the stored first event and changes
     * nothing.
     *
     * @return false when the aggregate existed already
     */
    public boolean createOnce(Object creationCommand, String component, String correlationId, String causationId) {
        try {
            sendCausedBy(creationCommand, component, correlationId, causationId);
            return true;
        } catch (AggregateStreamCreationException existing) {
            return false;
        }
    }

    /** The same id for the same {@code kind} and {@code parts}, on every delivery and every instance. */
    public static String derivedId(String kind, String... parts) {
        return UUID.nameUUIDFromBytes((kind + ":" + String.join(":", parts)).getBytes(StandardCharsets.UTF_8)).toString();
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
        ServerTiming.mark("request");
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
    }
}
