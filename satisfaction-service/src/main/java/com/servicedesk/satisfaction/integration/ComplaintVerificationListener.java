package com.servicedesk.satisfaction.integration;

import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.platform.axon.CommandDispatcher;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.IntegrationHandler;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.satisfaction.command.RecordComplaintVerificationCommand;
import com.servicedesk.satisfaction.command.ScoringPolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Complaint verifications from intake become deductions on the customer's scorecard of the complaint's receipt year
 * (in the calendar zone). Twice guarded against redelivery: the consumer skips a complaint event it has applied, and
 * the scorecard ignores a verification it has already taken into account (a crash between the two).
 */
@Component
public class ComplaintVerificationListener extends IntegrationHandler {
    public static final String NAME = "satisfaction-complaint-verifications";
    static final String COMPONENT = "complaint-verifications";

    private final IdempotentConsumer consumer;
    private final CommandDispatcher commands;
    private final ScoringPolicy policy;

    public ComplaintVerificationListener(IdempotentConsumer consumer, CommandDispatcher commands, ScoringPolicy policy) {
        this.consumer = consumer;
        this.commands = commands;
        this.policy = policy;
        on(ComplaintVerifiedEvent.class, (e, event) ->
                record(event, e.complaintId(), e.customerId(), e.receivedAt(), e.companyResponsible(), e.confirmedCategory()));
        on(ComplaintVerificationChangedEvent.class, (e, event) ->
                record(event, e.complaintId(), e.customerId(), e.receivedAt(), e.companyResponsible(), e.confirmedCategory()));
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.COMPLAINT,
            groupId = "${servicedesk.integration.complaint-verifications.group:" + NAME + "}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    private void record(PublishedEvent event, String complaintId, String customerId, Instant receivedAt, boolean responsible,
                        ComplaintCategory category) {
        commands.sendCausedBy(new RecordComplaintVerificationCommand(complaintId, event.sequence(), customerId,
                policy.yearOf(receivedAt), responsible, category), COMPONENT, complaintId, event.id());
    }
}
