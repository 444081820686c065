package com.servicedesk.quality.integration;

import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.IntegrationHandler;
import com.servicedesk.platform.consumer.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** A service report whose verified cause is {@code PRODUCT_DEFECT} opens a CAPA with the service order as its source. */
@Component
public class ServiceReportHandler extends IntegrationHandler {
    public static final String NAME = "quality-service-report-handler";

    private final IdempotentConsumer consumer;
    private final CapaTriggers triggers;

    public ServiceReportHandler(IdempotentConsumer consumer, CapaTriggers triggers) {
        this.consumer = consumer;
        this.triggers = triggers;
        on(ServiceReportSubmittedEvent.class, this::reportSubmitted);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.SERVICE_ORDER, groupId = "${servicedesk.integration.service-order.group:" + NAME + "}",
            concurrency = "${servicedesk.integration.service-order.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    private void reportSubmitted(ServiceReportSubmittedEvent e, PublishedEvent event) {
        if (e.cause() == FaultCause.PRODUCT_DEFECT) {
            triggers.open(CapaSource.SERVICE_REPORT, e.serviceOrderId(), e.complaintId(),
                    "Service report of order " + e.serviceOrderId() + " found a product defect on " + e.productModel()
                            + (e.serialNumber() == null ? "" : " " + e.serialNumber()) + ": " + e.summary()
                            + (e.qualityFindings() == null ? "" : " Quality findings: " + e.qualityFindings()), event);
        }
    }
}
