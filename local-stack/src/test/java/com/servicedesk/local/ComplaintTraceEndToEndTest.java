package com.servicedesk.local;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static com.servicedesk.local.RunningStack.assertProblem;
import static com.servicedesk.local.RunningStack.awaitBody;
import static com.servicedesk.local.RunningStack.field;
import static com.servicedesk.local.RunningStack.get;
import static com.servicedesk.local.RunningStack.post;
import static com.servicedesk.local.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trace of one complaint whose story runs through all four services of the running stack, driven only
 * through the gateway: intake (the complaint), field service (its order, a spare part, the service report with cause
 * PRODUCT_DEFECT), quality (a CAPA from that report and one from the verification, one of them decided by hand) and
 * satisfaction (the deduction on the customer's scorecard). The trace reporting builds from Kafka is compared with
 * each aggregate's own audit trail read from its service's event store: the same events, each once, all carrying the
 * complaint's id as their correlation id.
 * <p>
 * Ordered after the classes that assume a fresh stack (junit-platform.properties): this one adds a complaint.
 */
@Order(Order.DEFAULT + 15)
class ComplaintTraceEndToEndTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void oneComplaintsTraceHoldsEveryEventOfEveryServiceOnceInTimeOrder() throws Exception {
        String agent = token("ann", "AGENT");
        String dispatcher = token("dora", "DISPATCHER");
        String technician = token("tom", "TECHNICIAN");
        String quality = token("quinn", "QUALITY");
        String auditor = token("audrey", "AUDITOR");
        // a customer of its own: its scorecard holds this complaint's deduction only
        String customer = "CUST-TRACE-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> registered = post("/api/v1/complaints", agent, """
                {"customerId":"%s","customerName":"Jiangnan Machinery",
                 "contact":{"name":"Li Wei","phone":"+86 21 5555 0101","email":"li.wei@example.com"},
                 "channel":"PHONE","productModel":"HX-200","serialNumber":"SN-2026-0042","deliveryDate":"%s",
                 "category":"PRODUCT_QUALITY","severity":"HIGH","region":"OUT_OF_PROVINCE",
                 "description":"Spindle vibrates above 3000 rpm"}""".formatted(customer, LocalDate.now().minusMonths(2)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String complaint = field(registered.body(), "complaintId");
        ok(post("/api/v1/complaints/" + complaint + "/acknowledgement", agent, "{\"note\":\"called back\"}"), 200);
        ok(post("/api/v1/complaints/" + complaint + "/field-service-requests", agent, "{\"reason\":\"vibration on site\"}"), 202);

        awaitBody("/api/v1/service-orders?complaintId=" + complaint, dispatcher, "\"totalElements\":1", WITHIN);
        String order = field(get("/api/v1/service-orders?complaintId=" + complaint, dispatcher).body(), "serviceOrderId");
        String path = "/api/v1/service-orders/" + order;
        ok(post(path + "/assignment", dispatcher, "{\"technicianId\":\"tom\",\"plannedVisitAt\":\"" + Instant.now() + "\"}"), 200);
        ok(post(path + "/dispatch", dispatcher, "{\"taskBrief\":\"check the spindle bearings\"}"), 200);
        ok(post(path + "/arrival", technician, "{\"arrivedAt\":\"" + Instant.now() + "\"}"), 200);
        ok(post(path + "/fault-verification", technician, "{\"faultConfirmed\":true,\"description\":\"bearing worn\","
                + "\"cause\":\"PRODUCT_DEFECT\",\"witnessedBy\":\"Li Wei\"}"), 200);
        HttpResponse<String> part = post(path + "/spare-parts", technician, "{\"partNumber\":\"BRG-6205\",\"quantity\":2}");
        ok(part, 201);
        ok(post(path + "/spare-parts/" + field(part.body(), "partRequestId") + "/shipment", dispatcher,
                "{\"carrier\":\"SF Express\",\"trackingNumber\":\"SF1234567\"}"), 200);
        ok(post(path + "/completion", technician, "{\"workPerformed\":\"bearings replaced\",\"result\":\"RESOLVED\"}"), 200);
        ok(post(path + "/sign-off", technician, "{\"signedBy\":\"Li Wei\",\"comments\":\"quick work\"}"), 200);
        ok(post(path + "/report", technician, "{\"summary\":\"bearing defect\",\"qualityFindings\":\"batch 7 bearings\"}"), 200);
        String capaFromReport = awaitCapa("SERVICE_REPORT", order, quality);

        ok(post("/api/v1/complaints/" + complaint + "/verification", quality,
                "{\"companyResponsible\":true,\"confirmedCategory\":\"PRODUCT_QUALITY\",\"findings\":\"bearing defect, batch 7\"}"), 200);
        String capaFromComplaint = awaitCapa("COMPLAINT", complaint, quality);
        // a command on the CAPA from the REST API keeps the complaint's correlation
        ok(post("/api/v1/capas/" + capaFromComplaint + "/decision", quality,
                "{\"actionNeeded\":true,\"rationale\":\"recurring bearing failures\"}"), 200);

        ok(post("/api/v1/complaints/" + complaint + "/reply", agent,
                "{\"method\":\"PHONE\",\"message\":\"bearings replaced under warranty\"}"), 200);
        awaitBody("/api/v1/complaints/" + complaint, agent, "\"result\":\"RESOLVED\"", WITHIN);
        ok(post("/api/v1/complaints/" + complaint + "/closure", agent, "{\"resolutionSummary\":\"bearings replaced\"}"), 200);

        // the deduction: which scorecard (the receipt's year in satisfaction's zone) is satisfaction's to say
        int year = first(awaitTrace(complaint, auditor, t -> typeCount(t, "DeductionApplied") == 1), "DeductionApplied")
                .at("/payload/year").asInt();
        awaitBody("/api/v1/scorecards/" + customer + "/" + year, agent, "\"complaintId\":\"" + complaint + "\"", WITHIN);

        // each aggregate's own audit trail, from its service's event store, with the complaint's correlation id on
        // every event (for the scorecard: the events of this complaint among all its events)
        Map<String, List<String>> own = new LinkedHashMap<>();
        own.put("Complaint/" + complaint, ownEvents("/api/v1/audit/complaints/" + complaint + "/events", auditor, complaint, true));
        own.put("ServiceOrder/" + order, ownEvents("/api/v1/audit/service-orders/" + order + "/events", auditor, complaint, true));
        own.put("Capa/" + capaFromReport, ownEvents("/api/v1/audit/capas/" + capaFromReport + "/events", auditor, complaint, true));
        own.put("Capa/" + capaFromComplaint, ownEvents("/api/v1/audit/capas/" + capaFromComplaint + "/events", auditor, complaint, true));
        own.put("Scorecard/" + customer + ":" + year, ownEvents("/api/v1/audit/scorecards/" + customer + "/" + year + "/events",
                auditor, complaint, false));
        Set<String> expectedIds = new HashSet<>();
        own.values().forEach(expectedIds::addAll);

        JsonNode trace = awaitTrace(complaint, auditor, t -> ids(t.get("events")).containsAll(expectedIds));
        JsonNode events = trace.get("events");
        List<String> traced = ids(events);
        assertThat(new HashSet<>(traced)).as("each event once").hasSize(traced.size());
        assertThat(traced).as("nothing but the aggregates' own events").containsExactlyInAnyOrderElementsOf(expectedIds);
        Map<String, List<String>> byAggregate = new LinkedHashMap<>();
        Instant previous = Instant.MIN;
        for (JsonNode event : events) {
            assertThat(event.get("correlationId").asText()).as(event.toString()).isEqualTo(complaint);
            Instant at = Instant.parse(event.get("occurredAt").asText());
            assertThat(at).as("time order at " + event).isAfterOrEqualTo(previous);
            previous = at;
            byAggregate.computeIfAbsent(event.get("aggregateType").asText() + "/" + event.get("aggregateId").asText(),
                    k -> new ArrayList<>()).add(event.get("eventId").asText());
        }
        // per aggregate: the same events in the same (sequence) order as its own trail, so also the same count
        assertThat(byAggregate).containsExactlyInAnyOrderEntriesOf(own);
        for (JsonNode aggregate : trace.get("aggregates")) {
            assertThat(aggregate.get("events").asInt()).isEqualTo(
                    own.get(aggregate.get("aggregateType").asText() + "/" + aggregate.get("aggregateId").asText()).size());
        }
        JsonNode services = trace.get("services");
        assertThat(services.get("intake").asInt()).isEqualTo(own.get("Complaint/" + complaint).size());
        assertThat(services.get("fieldservice").asInt()).isEqualTo(own.get("ServiceOrder/" + order).size());
        assertThat(services.get("quality").asInt()).isEqualTo(own.get("Capa/" + capaFromReport).size()
                + own.get("Capa/" + capaFromComplaint).size());
        assertThat(services.get("satisfaction").asInt()).isEqualTo(1);

        // the story's steps, each once, whoever took them
        assertThat(typeCount(trace, "ComplaintRegistered")).isEqualTo(1);
        assertThat(typeCount(trace, "FieldServiceRequested")).isEqualTo(1);
        assertThat(typeCount(trace, "ServiceOrderOpened")).isEqualTo(1);
        assertThat(typeCount(trace, "SparePartRequested")).isEqualTo(1);
        assertThat(typeCount(trace, "SparePartShipped")).isEqualTo(1);
        assertThat(typeCount(trace, "ServiceReportSubmitted")).isEqualTo(1);
        assertThat(typeCount(trace, "ComplaintVerified")).isEqualTo(1);
        assertThat(typeCount(trace, "CapaOpened")).isEqualTo(2);
        assertThat(typeCount(trace, "CapaDecided")).isEqualTo(1);
        assertThat(typeCount(trace, "ComplaintClosed")).isEqualTo(1);
        JsonNode opened = first(trace, "ServiceOrderOpened");
        assertThat(opened.get("actor").asText()).isEqualTo("system:field-service-intake");
        assertThat(opened.get("causationId").asText()).isEqualTo(first(trace, "FieldServiceRequested").get("eventId").asText());
        assertThat(first(trace, "SparePartShipped").get("actor").asText()).isEqualTo("dora");
        assertThat(first(trace, "DeductionApplied").get("causationId").asText())
                .isEqualTo(first(trace, "ComplaintVerified").get("eventId").asText());
        assertThat(first(trace, "DeductionApplied").at("/payload/points").asInt()).isEqualTo(10);

        HttpResponse<String> lines = get("/api/v1/audit/complaints/" + complaint + "/trace?format=jsonl", auditor);
        assertThat(lines.statusCode()).isEqualTo(200);
        assertThat(lines.body().split("\n")).hasSize(events.size());
    }

    @Test
    void theTraceIsForAuditorsAndKnowsOnlyComplaints() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/audit/complaints/" + UUID.randomUUID() + "/trace", token("audrey", "AUDITOR"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertProblem(unknown);
        HttpResponse<String> agent = get("/api/v1/audit/complaints/" + UUID.randomUUID() + "/trace", token("ann", "AGENT"));
        assertThat(agent.statusCode()).isEqualTo(403);
        assertProblem(agent);
    }

    private static void ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(status);
    }

    /** The id of the CAPA that opened by itself for {@code source}/{@code sourceId}. */
    private static String awaitCapa(String source, String sourceId, String token) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        do {
            HttpResponse<String> page = get("/api/v1/capas?source=" + source + "&size=200", token);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            for (JsonNode capa : JSON.readTree(page.body()).get("content")) {
                if (capa.get("sourceId").asText().equals(sourceId)) {
                    return capa.get("capaId").asText();
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no CAPA from " + source + " " + sourceId + " within " + WITHIN);
    }

    /**
     * The event ids of an aggregate's own audit trail, in sequence order; with {@code all}, asserts that every event
     * carries the complaint's correlation id, otherwise keeps only those that do.
     */
    private static List<String> ownEvents(String path, String auditor, String complaint, boolean all) throws Exception {
        HttpResponse<String> response = get(path, auditor);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode event : JSON.readTree(response.body())) {
            boolean ours = event.get("correlationId").asText().equals(complaint);
            if (all) {
                assertThat(ours).as("correlation of " + path + " " + event).isTrue();
            }
            if (ours) {
                ids.add(event.get("eventId").asText());
            }
        }
        assertThat(ids).as(path).isNotEmpty();
        return ids;
    }

    private static JsonNode awaitTrace(String complaint, String auditor, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        HttpResponse<String> response;
        do {
            response = get("/api/v1/audit/complaints/" + complaint + "/trace", auditor);
            if (response.statusCode() == 200) {
                JsonNode trace = JSON.readTree(response.body());
                if (done.test(trace)) {
                    return trace;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the trace of " + complaint + " was not complete within " + WITHIN + ": " + response.body());
    }

    private static List<String> ids(JsonNode events) {
        List<String> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.get("eventId").asText()));
        return ids;
    }

    private static long typeCount(JsonNode trace, String type) {
        long count = 0;
        for (JsonNode event : trace.get("events")) {
            count += event.get("type").asText().equals(type) ? 1 : 0;
        }
        return count;
    }

    private static JsonNode first(JsonNode trace, String type) {
        for (JsonNode event : trace.get("events")) {
            if (event.get("type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in the trace");
    }
}
