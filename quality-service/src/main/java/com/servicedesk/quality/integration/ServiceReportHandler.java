package com.servicedesk.quality.integration;

import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import java.util.Set;

/** A service report whose verified cause is {@code PRODUCT_DEFECT} opens a CAPA with the service order as its source. */
@Component
public class ServiceReportHandler {
    /** The only events it acts on; the others pass without touching its applied sequences. */
    private static final Set<Class<?>> HANDLED = Set.of(ServiceReportSubmittedEvent.class);
    public static final String NAME = "quality-service-report-handler";

    private final IdempotentConsumer consumer;
    private final CapaTriggers triggers;

    public ServiceReportHandler(IdempotentConsumer consumer, CapaTriggers triggers) {
        this.consumer = consumer;
        this.triggers = triggers;
    }

    @KafkaListener(id = NAME, topics = Topics.SERVICE_ORDER, groupId = "${servicedesk.integration.service-order.group:" + NAME + "}",
            concurrency = "${servicedesk.integration.service-order.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, HANDLED, this::handle);
    }

    void handle(PublishedEvent event) {
        if (event.payload() instanceof ServiceReportSubmittedEvent e && e.cause() == FaultCause.PRODUCT_DEFECT) {
            triggers.open(CapaSource.SERVICE_REPORT, e.serviceOrderId(), e.complaintId(),
                    "Service report of order " + e.serviceOrderId() + " found a product defect on " + e.productModel()
                            + (e.serialNumber() == null ? "" : " " + e.serialNumber()) + ": " + e.summary()
                            + (e.qualityFindings() == null ? "" : " Quality findings: " + e.qualityFindings()), event);
        }
    }
}
