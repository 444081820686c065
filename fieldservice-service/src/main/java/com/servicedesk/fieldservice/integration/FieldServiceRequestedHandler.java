package com.servicedesk.fieldservice.integration;

import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.fieldservice.command.OpenServiceOrderCommand;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.IntegrationHandler;
import com.servicedesk.platform.consumer.PublishedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import java.util.List;


/**
 * Opens a service order for each {@code FieldServiceRequested}. Exactly one order per request: the order's id is
 * derived from the request id ({@link CommandDispatcher#createOnce}), so a redelivery that slips past the consumer's
 * sequence check (say, after the consumer's position was lost) meets the existing order and changes nothing.
 */
@Component
public class FieldServiceRequestedHandler extends IntegrationHandler {
    public static final String NAME = "fieldservice-request-handler";
    static final String COMPONENT = "field-service-intake";
    private static final Logger LOG = LoggerFactory.getLogger(FieldServiceRequestedHandler.class);

    private final IdempotentConsumer consumer;
    private final CommandDispatcher commands;
    private final MeterRegistry meters;

    public FieldServiceRequestedHandler(IdempotentConsumer consumer, CommandDispatcher commands, MeterRegistry meters) {
        this.consumer = consumer;
        this.commands = commands;
        this.meters = meters;
        on(FieldServiceRequestedEvent.class, this::requested);
    }

    /** The order id of a request: the same on every delivery, on every instance. */
    public static String serviceOrderId(String requestId) {
        return CommandDispatcher.derivedId("service-order", requestId);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.COMPLAINT, groupId = "${servicedesk.integration.complaint.group:" + NAME + "}",
            concurrency = "${servicedesk.integration.complaint.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    private void requested(FieldServiceRequestedEvent e, PublishedEvent event) {
        String serviceOrderId = serviceOrderId(e.requestId());
        if (!commands.createOnce(new OpenServiceOrderCommand(serviceOrderId, e.complaintId(), e.requestId(), e.reason(),
                e.customerId(), e.customerName(), e.contact(), e.productModel(), e.serialNumber(), e.deliveryDate(),
                e.region(), e.category(), e.severity(), e.receivedAt(), e.onSiteDueAt()), COMPONENT, e.complaintId(), event.id())) {
            meters.counter("servicedesk.fieldservice.requests.duplicate").increment();
            LOG.info("field-service request {} already has service order {}", e.requestId(), serviceOrderId);
        }
    }
}
