package com.servicedesk.platform.axon;

import com.servicedesk.platform.metadata.AuditMetadata;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;

/**
 * Puts {@code actor}, {@code correlationId} and {@code causationId} on every event a message causes. It replaces Axon's
 * default {@code MessageOriginProvider}, whose {@code correlationId} means something else.
 * <p>
 * The cause is the handled message's own {@code causationId} when it has one (a foreign event that made us send the
 * command: stored and traceable), otherwise the handled message itself (a command from the REST API).
 */
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        return Map.of(
                AuditMetadata.ACTOR, metaData.getOrDefault(AuditMetadata.ACTOR, AuditMetadata.UNKNOWN_ACTOR),
                AuditMetadata.CORRELATION_ID, metaData.getOrDefault(AuditMetadata.CORRELATION_ID, message.getIdentifier()),
                AuditMetadata.CAUSATION_ID, metaData.getOrDefault(AuditMetadata.CAUSATION_ID, message.getIdentifier()));
    }
}
