package com.servicedesk.reporting.query;

import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCancelledEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.fieldservice.SparePartShippedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintClassifiedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintReopenedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceLinkedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.ProductReturnRecordedEvent;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.ReplyMethod;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.consumer.PublishedEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Random complaint histories (re-verification, reopening, rejection, cancelled visits, returns, breaches, field service)
 * and the service orders they open, as the two topics deliver them: each aggregate's events in order, the aggregates
 * interleaved at random. Complaints are received in 2025 and 2026 (Asia/Shanghai) from customers CUST-0 … CUST-11.
 */
final class RandomHistories {
    /** The events of both topics, each aggregate's in order, the aggregates interleaved at random. */
    record Streams(List<PublishedEvent> complaints, List<PublishedEvent> orders) {
    }

    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<List<PublishedEvent>> complaintHistories = new ArrayList<>();
    private final List<List<PublishedEvent>> orderHistories = new ArrayList<>();

    RandomHistories(Random random) {
        this.random = random;
    }

    Streams generate(int histories) {
        for (int i = 0; i < histories; i++) {
            complaint("C" + i);
        }
        return new Streams(interleave(complaintHistories), interleave(orderHistories));
    }

    private void complaint(String id) {
        List<PublishedEvent> events = new ArrayList<>();
        String customer = "CUST-" + random.nextInt(12);
        Instant received = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(729 * 24 * 60)));
        Region region = pick(Region.values());
        Instant at = received;
        events.add(event(id, at, new ComplaintRegisteredEvent(id, customer, "客户 " + customer, new Contact("张三", "13800000000", null),
                pick(Channel.values()), "M1", "SN-" + id, LocalDate.of(2024, 5, 1), pick(ComplaintCategory.values()),
                pick(Severity.values()), region, "text", received, null, received.plus(Duration.ofHours(24)),
                received.plus(Duration.ofHours(24 + random.nextInt(100))))));
        int requests = 0;
        int steps = random.nextInt(14);
        for (int step = 0; step < steps; step++) {
            at = at.plus(Duration.ofMinutes(1 + random.nextInt(3000)));
            Object payload = switch (random.nextInt(13)) {
                case 0 -> new ComplaintAcknowledgedEvent(id, "ok");
                case 1 -> new ComplaintClassifiedEvent(id, pick(ComplaintCategory.values()), pick(Severity.values()));
                case 2 -> new ComplaintVerifiedEvent(id, customer, received, random.nextBoolean(), pick(ComplaintCategory.values()), "f");
                case 3 -> new ComplaintVerificationChangedEvent(id, customer, received, random.nextBoolean(), pick(ComplaintCategory.values()),
                        "again", random.nextBoolean(), pick(ComplaintCategory.values()));
                case 4 -> new ComplaintRepliedEvent(id, pick(ReplyMethod.values()), "answer");
                case 5 -> new ComplaintClosedEvent(id, "done");
                case 6 -> new ComplaintReopenedEvent(id, "again");
                case 7 -> new ComplaintRejectedEvent(id, "not ours");
                case 8 -> new ProductReturnRecordedEvent(id, id + "-R" + step, 1 + random.nextInt(5), "broken");
                case 9 -> new SlaBreachedEvent(id, pick(SlaClock.values()), at);
                default -> null;
            };
            if (payload == null) {
                String request = id + "-FS" + requests++;
                fieldService(id, customer, region, received, request, at, events);
            } else {
                events.add(event(id, at, payload));
            }
        }
        complaintHistories.add(events);
    }

    /** A field-service request, the order it opens and what happens to both. */
    private void fieldService(String complaint, String customer, Region region, Instant received, String request, Instant at,
                              List<PublishedEvent> complaintEvents) {
        Instant due = at.plus(Duration.ofHours(24 + random.nextInt(48)));
        complaintEvents.add(event(complaint, at, new FieldServiceRequestedEvent(complaint, request, "visit", customer, "客户",
                new Contact("张三", "13800000000", null), "M1", "SN", LocalDate.of(2024, 5, 1), region, ComplaintCategory.PRODUCT_QUALITY,
                Severity.HIGH, received, due)));
        String order = "SO-" + request;
        List<PublishedEvent> events = new ArrayList<>();
        events.add(event(order, at, new ServiceOrderOpenedEvent(order, complaint, request, "visit", customer, "客户",
                new Contact("张三", "13800000000", null), "M1", "SN", LocalDate.of(2024, 5, 1), region, ComplaintCategory.PRODUCT_QUALITY,
                Severity.HIGH, received, due)));
        complaintEvents.add(event(complaint, at, new FieldServiceLinkedEvent(complaint, request, order)));
        if (random.nextInt(4) == 0) {
            events.add(event(order, at, new ServiceOrderCancelledEvent(order, complaint, request, "no need")));
            complaintEvents.add(event(complaint, at, new FieldServiceFinishedEvent(complaint, request, order, true, null)));
            orderHistories.add(events);
            return;
        }
        Instant arrived = at.plus(Duration.ofHours(random.nextInt(80)));
        if (random.nextBoolean()) {
            events.add(event(order, arrived, new TechnicianArrivedEvent(order, complaint, request, "T1", region, arrived, due, !arrived.isAfter(due))));
            complaintEvents.add(event(complaint, arrived, new FieldServiceArrivalRecordedEvent(complaint, request, order, arrived, due)));
            events.add(event(order, arrived, new FaultVerifiedEvent(order, complaint, random.nextBoolean(), "d", pick(FaultCause.values()),
                    "witness", LocalDate.of(2024, 5, 1), LocalDate.of(2026, 5, 1), pick(Billing.values()), "why")));
            if (random.nextBoolean()) {
                events.add(event(order, arrived, new SparePartShippedEvent(order, complaint, "P1", "PN", 1 + random.nextInt(3), "SF", "T")));
            }
            ServiceResult result = pick(ServiceResult.values());
            Instant reportDue = arrived.plus(Duration.ofHours(48));
            events.add(event(order, arrived, new ServiceOrderCompletedEvent(order, complaint, request, "work", result, arrived, reportDue)));
            complaintEvents.add(event(complaint, arrived, new FieldServiceFinishedEvent(complaint, request, order, false, result)));
            if (random.nextBoolean()) {
                Instant submitted = arrived.plus(Duration.ofHours(random.nextInt(96)));
                events.add(event(order, submitted, new ServiceReportSubmittedEvent(order, complaint, customer, "M1", "SN", true,
                        FaultCause.PRODUCT_DEFECT, "s", "q", reportDue, submitted.isAfter(reportDue))));
            }
        }
        orderHistories.add(events);
    }

    private PublishedEvent event(String aggregate, Instant at, Object payload) {
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        return new PublishedEvent(UUID.randomUUID().toString(), payload.getClass().getSimpleName(), aggregate, sequence, at,
                "tester", aggregate, null, payload);
    }

    private List<PublishedEvent> interleave(List<List<PublishedEvent>> histories) {
        List<PublishedEvent> stream = new ArrayList<>();
        List<List<PublishedEvent>> left = new ArrayList<>();
        histories.forEach(h -> left.add(new ArrayList<>(h)));
        while (!left.isEmpty()) {
            int i = random.nextInt(Math.min(left.size(), 40));
            stream.add(left.get(i).remove(0));
            if (left.get(i).isEmpty()) {
                left.remove(i);
            }
        }
        return stream;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
