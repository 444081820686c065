package com.servicedesk.quality.integration;

import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.IntegrationHandler;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.quality.command.ConfirmCapaSourceCommand;
import com.servicedesk.quality.command.RetractCapaSourceCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A complaint verified as company-responsible {@code PRODUCT_QUALITY} opens a CAPA. A changed verification corrects
 * it: no longer such a complaint → the CAPA records the retraction (and may then be cancelled with a reason); such a
 * complaint now → a CAPA opens, or a retracted one is confirmed again.
 */
@Component
public class ComplaintVerificationHandler extends IntegrationHandler {
    public static final String NAME = "quality-complaint-verification-handler";

    private final IdempotentConsumer consumer;
    private final CapaTriggers triggers;

    public ComplaintVerificationHandler(IdempotentConsumer consumer, CapaTriggers triggers) {
        this.consumer = consumer;
        this.triggers = triggers;
        on(ComplaintVerifiedEvent.class, this::verified);
        on(ComplaintVerificationChangedEvent.class, this::verificationChanged);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.COMPLAINT, groupId = "${servicedesk.integration.complaint.group:" + NAME + "}",
            concurrency = "${servicedesk.integration.complaint.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    private void verified(ComplaintVerifiedEvent e, PublishedEvent event) {
        if (productQualityFault(e.companyResponsible(), e.confirmedCategory())) {
            triggers.open(CapaSource.COMPLAINT, e.complaintId(), e.complaintId(), statement(e.complaintId(), e.findings()), event);
        }
    }

    private void verificationChanged(ComplaintVerificationChangedEvent e, PublishedEvent event) {
        boolean was = productQualityFault(e.previousCompanyResponsible(), e.previousConfirmedCategory());
        boolean is = productQualityFault(e.companyResponsible(), e.confirmedCategory());
        String capaId = CapaTriggers.capaId(CapaSource.COMPLAINT, e.complaintId());
        if (is && !was && !triggers.open(CapaSource.COMPLAINT, e.complaintId(), e.complaintId(),
                statement(e.complaintId(), e.findings()), event)) {
            triggers.send(new ConfirmCapaSourceCommand(capaId), e.complaintId(), event);
        } else if (was && !is) {
            triggers.send(new RetractCapaSourceCommand(capaId, "complaint re-verified as "
                    + (e.companyResponsible() ? "company-responsible " + e.confirmedCategory() : "not company-responsible")
                    + ": " + e.findings()), e.complaintId(), event);
        }
    }

    private static boolean productQualityFault(Boolean responsible, ComplaintCategory category) {
        return Boolean.TRUE.equals(responsible) && category == ComplaintCategory.PRODUCT_QUALITY;
    }

    private static String statement(String complaintId, String findings) {
        return "Complaint " + complaintId + " verified as a company-responsible product quality problem: " + findings;
    }
}
