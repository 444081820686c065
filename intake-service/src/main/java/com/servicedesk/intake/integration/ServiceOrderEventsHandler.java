package com.servicedesk.intake.integration;

import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.ServiceOrderCancelledEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.intake.command.LinkServiceOrderCommand;
import com.servicedesk.intake.command.RecordFieldServiceFinishedCommand;
import com.servicedesk.intake.command.RecordOnSiteArrivalCommand;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.IntegrationHandler;
import com.servicedesk.platform.consumer.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What field service does to a complaint's orders, told to the complaint: the order's id, the technician's arrival
 * (stops the on-site clock) and the end of the work (lets the complaint close). Redelivery is harmless twice over:
 * the consumer skips what it applied, and the aggregate records each fact once.
 */
@Component
public class ServiceOrderEventsHandler extends IntegrationHandler {
    public static final String NAME = "intake-service-order-handler";
    static final String COMPONENT = "field-service-feedback";

    private final IdempotentConsumer consumer;
    private final CommandDispatcher commands;

    public ServiceOrderEventsHandler(IdempotentConsumer consumer, CommandDispatcher commands) {
        this.consumer = consumer;
        this.commands = commands;
        on(ServiceOrderOpenedEvent.class, (e, event) ->
                send(new LinkServiceOrderCommand(e.complaintId(), e.requestId(), e.serviceOrderId()), e.complaintId(), event));
        on(TechnicianArrivedEvent.class, (e, event) -> send(new RecordOnSiteArrivalCommand(e.complaintId(), e.requestId(),
                e.serviceOrderId(), e.arrivedAt()), e.complaintId(), event));
        on(ServiceOrderCompletedEvent.class, (e, event) -> send(new RecordFieldServiceFinishedCommand(e.complaintId(),
                e.requestId(), e.serviceOrderId(), false, e.result()), e.complaintId(), event));
        on(ServiceOrderCancelledEvent.class, (e, event) -> send(new RecordFieldServiceFinishedCommand(e.complaintId(),
                e.requestId(), e.serviceOrderId(), true, null), e.complaintId(), event));
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.SERVICE_ORDER, groupId = "${servicedesk.integration.service-order.group:" + NAME + "}",
            concurrency = "${servicedesk.integration.service-order.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    private void send(Object command, String complaintId, PublishedEvent cause) {
        commands.sendCausedBy(command, COMPONENT, complaintId, cause.id());
    }
}
