package com.servicedesk.quality.integration;

import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.quality.command.OpenCapaCommand;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


/**
 * Opens the CAPA of a source exactly once: its id is derived from the source ({@link CommandDispatcher#createOnce}), so
 * a redelivered trigger that slips past the consumer's sequence check meets the existing CAPA and changes nothing.
 */
@Component
public class CapaTriggers {
    static final String COMPONENT = "capa-trigger";
    private static final Logger LOG = LoggerFactory.getLogger(CapaTriggers.class);

    private final CommandDispatcher commands;
    private final MeterRegistry meters;

    public CapaTriggers(CommandDispatcher commands, MeterRegistry meters) {
        this.commands = commands;
        this.meters = meters;
    }

    public static String capaId(CapaSource source, String sourceId) {
        return CommandDispatcher.derivedId("capa", source.name(), sourceId);
    }

    /** @return false when the source had its CAPA already */
    public boolean open(CapaSource source, String sourceId, String complaintId, String problemStatement, PublishedEvent cause) {
        String capaId = capaId(source, sourceId);
        if (commands.createOnce(new OpenCapaCommand(capaId, source, sourceId, complaintId, problemStatement), COMPONENT,
                complaintId, cause.id())) {
            return true;
        }
        meters.counter("servicedesk.capa.triggers.duplicate", "source", source.name()).increment();
        LOG.info("{} {} already has CAPA {}", source, sourceId, capaId);
        return false;
    }

    public void send(Object command, String complaintId, PublishedEvent cause) {
        commands.sendCausedBy(command, COMPONENT, complaintId, cause.id());
    }
}
