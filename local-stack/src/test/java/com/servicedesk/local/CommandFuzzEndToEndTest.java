package com.servicedesk.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static com.servicedesk.local.RunningStack.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input on every command endpoint (every POST of API.md and README), through the gateway with a token of
 * the right role, so each request gets past authorization to the parser and the aggregate: broken JSON, wrong types,
 * missing and null fields, huge strings, unknown enum values, bad numbers and dates, arrays for objects, empty
 * bodies, wrong media types, odd unicode, garbage ids; mixed with valid commands on real aggregates in random order.
 * Every answer must be below 500, and every refusal RFC 9457 problem+json with its status and no stack trace.
 * The seed is fixed: every run sends the same requests (dates relative to today aside), though threads interleave them
 * differently.
 */
@Order(Order.DEFAULT + 20)
class CommandFuzzEndToEndTest {
    static final long SEED = 20261121L;
    static final int REQUESTS = 5000;
    /**
     * Requests allowed to go unanswered for 30 s once, if they are answered properly when sent again. One CI run in
     * about five saw one such stall among the 5,000 (seven JVMs on two cores); it was never reproduced here, and a
     * request that stalls twice, or any stall beyond this budget, still fails. The stalls are printed as STALL lines.
     */
    static final int STALL_BUDGET = 1;
    static final int THREADS = 4;
    static final int MAX_BODY = 64 * 1024;

    enum Kind { TEXT, ENUM, BOOL, INT, YEAR, INSTANT, DATE, FUTURE_DATE, TEXTS, CONTACT, ANSWERS }

    record Field(String name, Kind kind, List<String> values) {
    }

    /** A command endpoint: its path (ids in braces), the role that may send it, and its body's fields. */
    record Command(String path, String role, List<Field> fields) {
    }

    enum Mutation {
        VALID(10), BROKEN_JSON(8), WRONG_TYPE(10), MISSING_FIELD(6), NULL_FIELD(6), HUGE_STRING(4), UNKNOWN_ENUM(6),
        BAD_NUMBER(5), BAD_DATE(7), ARRAY_FOR_OBJECT(5), EMPTY_BODY(4), WRONG_CONTENT_TYPE(6), ODD_UNICODE(7),
        GARBAGE_ID(7), EXTRA_FIELDS(3), DEEP_NESTING(2), WRONG_METHOD(2), ODD_ACCEPT(2), IDEMPOTENCY_KEY(3);

        final int weight;

        Mutation(int weight) {
            this.weight = weight;
        }
    }

    /** One request to send; {@code chunked}: without Content-Length, so only the service's own limit can stop it. */
    record Probe(Command command, Mutation mutation, String method, String path, String contentType, byte[] body,
                 boolean chunked, Map<String, String> headers) {
        String describe() {
            String text = body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8);
            return mutation + " " + method + " " + (path.length() > 160 ? path.substring(0, 160) + "…" : path)
                    + " [" + contentType + "] " + headers.keySet() + " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
    }

    static final List<String> CATEGORIES = List.of("PRODUCT_QUALITY", "DELIVERY", "SERVICE", "DOCUMENTATION", "OTHER");
    static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "EMERGENCY");
    static final List<String> ITEMS = List.of("PRODUCT_QUALITY", "RELIABILITY", "DELIVERY_ON_TIME", "PACKAGING", "PRICE",
            "DOCUMENTATION", "INSTALLATION_GUIDANCE", "TRAINING", "RESPONSE_SPEED", "SERVICE_ATTITUDE",
            "TECHNICIAN_COMPETENCE", "SPARE_PARTS_AVAILABILITY", "COMPLAINT_HANDLING", "COMMUNICATION");
    static final List<String> LEVELS = List.of("VERY_SATISFIED", "SATISFIED", "FAIRLY_SATISFIED", "NEUTRAL",
            "SOMEWHAT_DISSATISFIED", "DISSATISFIED", "VERY_DISSATISFIED");

    static final String COMPLAINT_PATH = "/api/v1/complaints/{complaint}";
    static final String ORDER_PATH = "/api/v1/service-orders/{order}";
    static final String CAPA_PATH = "/api/v1/capas/{capa}";

    /** Every command endpoint. */
    static final List<Command> COMMANDS = List.of(
            command("/api/v1/complaints", "AGENT", text("customerId"), text("customerName"), typed("contact", Kind.CONTACT),
                    choice("channel", "PHONE", "FAX", "LETTER", "VISIT", "EMAIL", "WEB"), text("productModel"), text("serialNumber"),
                    typed("deliveryDate", Kind.DATE), choice("category", CATEGORIES), choice("severity", SEVERITIES),
                    choice("region", "IN_PROVINCE", "OUT_OF_PROVINCE"), text("description"), typed("receivedAt", Kind.INSTANT),
                    typed("replyRequestedBy", Kind.FUTURE_DATE)),
            command(COMPLAINT_PATH + "/acknowledgement", "AGENT", text("note")),
            command(COMPLAINT_PATH + "/classification", "AGENT", choice("category", CATEGORIES), choice("severity", SEVERITIES)),
            command(COMPLAINT_PATH + "/field-service-requests", "AGENT", text("reason")),
            command(COMPLAINT_PATH + "/verification", "QUALITY", typed("companyResponsible", Kind.BOOL),
                    choice("confirmedCategory", CATEGORIES), text("findings")),
            command(COMPLAINT_PATH + "/reply", "AGENT", choice("method", "PHONE", "EMAIL", "LETTER", "FAX", "VISIT"), text("message")),
            command(COMPLAINT_PATH + "/returns", "AGENT", typed("quantity", Kind.INT), text("reason")),
            command(COMPLAINT_PATH + "/closure", "AGENT", text("resolutionSummary")),
            command(COMPLAINT_PATH + "/rejection", "AGENT", text("reason")),
            command(COMPLAINT_PATH + "/reopening", "AGENT", text("reason")),

            command(ORDER_PATH + "/assignment", "DISPATCHER", text("technicianId"), typed("plannedVisitAt", Kind.INSTANT)),
            command(ORDER_PATH + "/dispatch", "DISPATCHER", text("taskBrief")),
            command(ORDER_PATH + "/arrival", "TECHNICIAN", typed("arrivedAt", Kind.INSTANT)),
            command(ORDER_PATH + "/fault-verification", "TECHNICIAN", typed("faultConfirmed", Kind.BOOL), text("description"),
                    choice("cause", "PRODUCT_DEFECT", "INSTALLATION", "CUSTOMER_MISUSE", "WEAR", "UNKNOWN"), text("witnessedBy"),
                    typed("deliveryDate", Kind.DATE)),
            command(ORDER_PATH + "/spare-parts", "TECHNICIAN", text("partNumber"), typed("quantity", Kind.INT)),
            command(ORDER_PATH + "/spare-parts/{part}/shipment", "DISPATCHER", text("carrier"), text("trackingNumber")),
            command(ORDER_PATH + "/completion", "TECHNICIAN", text("workPerformed"), choice("result", "RESOLVED", "TEMPORARY_FIX", "UNRESOLVED")),
            command(ORDER_PATH + "/sign-off", "TECHNICIAN", text("signedBy"), text("comments")),
            command(ORDER_PATH + "/report", "TECHNICIAN", text("summary"), text("qualityFindings")),
            command(ORDER_PATH + "/cancellation", "DISPATCHER", text("reason")),

            command("/api/v1/capas", "QUALITY", text("problemStatement"), choice("source", "INTERNAL")),
            command(CAPA_PATH + "/decision", "QUALITY", typed("actionNeeded", Kind.BOOL), text("rationale")),
            command(CAPA_PATH + "/containment", "QUALITY", text("actions")),
            command(CAPA_PATH + "/root-cause", "QUALITY", choice("method", "FIVE_WHYS", "FISHBONE", "FAULT_TREE", "OTHER"),
                    text("rootCause"), typed("contributingFactors", Kind.TEXTS)),
            command(CAPA_PATH + "/actions", "QUALITY", choice("type", "CORRECTIVE", "PREVENTIVE"), text("description"), text("owner"),
                    typed("dueDate", Kind.FUTURE_DATE)),
            command(CAPA_PATH + "/actions/{action}/completion", "QUALITY", text("evidence")),
            command(CAPA_PATH + "/effectiveness-check", "QUALITY", typed("effective", Kind.BOOL), text("evidence")),
            command(CAPA_PATH + "/standardization", "QUALITY", typed("documents", Kind.TEXTS)),
            command(CAPA_PATH + "/closure", "QUALITY"),
            command(CAPA_PATH + "/cancellation", "QUALITY", text("reason")),

            command("/api/v1/surveys", "AGENT", text("customerId"), typed("year", Kind.YEAR), typed("respondedAt", Kind.INSTANT),
                    typed("answers", Kind.ANSWERS), text("comments")));

    /** Real aggregates per path id, so that valid commands meet them in every state, in random order. */
    static final Map<String, List<String>> REAL_IDS = new LinkedHashMap<>();
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void realAggregates() throws Exception {
        for (String role : List.of("AGENT", "DISPATCHER", "TECHNICIAN", "QUALITY")) {
            TOKENS.put(role, token("fuzz-" + role.toLowerCase(), role));
        }
        String agent = TOKENS.get("AGENT");
        List<String> complaints = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = post("/api/v1/complaints", agent, LocalStackEndToEndTest.COMPLAINT);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            complaints.add(field(created.body(), "complaintId"));
        }
        // the acknowledgement's body is optional: none at all, without a Content-Type, is as good as {}
        HttpResponse<String> bare = CLIENT.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/v1/complaints/" + complaints.get(0)
                + "/acknowledgement")).header("Authorization", "Bearer " + agent).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
        assertThat(post("/api/v1/complaints/" + complaints.get(1) + "/acknowledgement", agent, "{}").statusCode()).isEqualTo(200);
        for (String complaint : complaints.subList(0, 2)) {
            assertThat(post("/api/v1/complaints/" + complaint + "/field-service-requests", agent, "{\"reason\":\"visit\"}").statusCode()).isEqualTo(202);
            awaitBody("/api/v1/service-orders?complaintId=" + complaint, agent, "\"serviceOrderId\"", Duration.ofSeconds(15));
            orders.add(field(get("/api/v1/service-orders?complaintId=" + complaint, agent).body(), "serviceOrderId"));
        }
        // one order on site, its fault verified and a spare part asked for, so that shipments meet a real part request
        String order = "/api/v1/service-orders/" + orders.get(0);
        assertThat(post(order + "/assignment", TOKENS.get("DISPATCHER"), "{\"technicianId\":\"tom\",\"plannedVisitAt\":\"" + Instant.now() + "\"}").statusCode()).isEqualTo(200);
        assertThat(post(order + "/dispatch", TOKENS.get("DISPATCHER"), "{\"taskBrief\":\"look\"}").statusCode()).isEqualTo(200);
        assertThat(post(order + "/arrival", TOKENS.get("TECHNICIAN"), "{\"arrivedAt\":\"" + Instant.now() + "\"}").statusCode()).isEqualTo(200);
        assertThat(post(order + "/fault-verification", TOKENS.get("TECHNICIAN"),
                "{\"faultConfirmed\":true,\"description\":\"worn\",\"cause\":\"WEAR\",\"witnessedBy\":\"Wang Fang\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> part = post(order + "/spare-parts", TOKENS.get("TECHNICIAN"), "{\"partNumber\":\"BRG-1\",\"quantity\":1}");
        assertThat(part.statusCode()).as(part.body()).isEqualTo(201);

        String quality = TOKENS.get("QUALITY");
        List<String> capas = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> created = post("/api/v1/capas", quality, "{\"problemStatement\":\"fuzz " + i + "\",\"source\":\"INTERNAL\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            capas.add(field(created.body(), "capaId"));
        }
        String capa = "/api/v1/capas/" + capas.get(0);
        assertThat(post(capa + "/decision", quality, "{\"actionNeeded\":true,\"rationale\":\"fuzz\"}").statusCode()).isEqualTo(200);
        assertThat(post(capa + "/root-cause", quality, "{\"method\":\"OTHER\",\"rootCause\":\"fuzz\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> action = post(capa + "/actions", quality, "{\"type\":\"CORRECTIVE\",\"description\":\"fix\",\"owner\":\"quinn\",\"dueDate\":\""
                + LocalDate.now().plusDays(5) + "\"}");
        assertThat(action.statusCode()).as(action.body()).isEqualTo(201);

        REAL_IDS.put("complaint", complaints);
        REAL_IDS.put("order", orders);
        REAL_IDS.put("part", List.of(field(part.body(), "partRequestId")));
        REAL_IDS.put("capa", capas);
        REAL_IDS.put("action", List.of(field(action.body(), "actionId")));
    }

    @Test
    void malformedCommandsAreRefusedWithProblemsNeverWithServerErrors() throws Exception {
        Random random = new Random(SEED);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            probes.add(probe(random));
        }
        assertThat(probes.stream().map(Probe::command).distinct()).as("every command endpoint is probed").hasSameSizeAs(COMMANDS);

        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<Mutation, Map<Integer, LongAdder>> byMutation = new ConcurrentHashMap<>();
        Map<String, ConcurrentLinkedQueue<String>> failures = new ConcurrentHashMap<>();
        List<String> stalls = Collections.synchronizedList(new ArrayList<>());
        Map<Mutation, LongAdder> latency = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        List<Long> windows = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < probes.size(); i = next.getAndIncrement()) {
                        Probe probe = probes.get(i);
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = send(probe);
                            latency.computeIfAbsent(probe.mutation(), m -> new LongAdder()).add(System.nanoTime() - sent);
                            if (done.incrementAndGet() % 1000 == 0) {
                                windows.add(System.nanoTime());
                            }
                            int status = response.statusCode();
                            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                            byMutation.computeIfAbsent(probe.mutation(), m -> new ConcurrentHashMap<>())
                                    .computeIfAbsent(status, s -> new LongAdder()).increment();
                            String defect = status >= 500 ? "server error" : status >= 400 ? ProblemAnswers.defect(response) : null;
                            if (defect != null) {
                                failures.computeIfAbsent(probe.mutation() + " → " + status + " (" + defect + ")", k -> new ConcurrentLinkedQueue<>())
                                        .add("#" + i + " " + probe.describe() + " → " + abbreviate(response.body(), 300));
                            }
                        } catch (java.net.http.HttpTimeoutException e) {
                            // A stall, not a refusal: the same request is sent once more, on a new connection. It must
                            // then be answered properly; more than STALL_BUDGET stalls in a run fail the test.
                            String again = resend(probe);
                            stalls.add("#" + i + " " + probe.describe() + " (no answer in 30 s; sent again: " + again + ")");
                            if (!again.startsWith("answered")) {
                                failures.computeIfAbsent(probe.mutation() + " → no answer twice", k -> new ConcurrentLinkedQueue<>())
                                        .add("#" + i + " " + probe.describe() + ": " + again);
                            }
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
                            failures.computeIfAbsent(probe.mutation() + " → no answer (" + e.getClass().getSimpleName() + ")",
                                    k -> new ConcurrentLinkedQueue<>()).add("#" + i + " " + probe.describe() + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("command fuzz: %d requests over %d endpoints in %.1f s (%.0f/s, %d threads, seed %d)%n",
                probes.size(), COMMANDS.size(), seconds, probes.size() / seconds, THREADS, SEED);
        System.out.println("  by status: " + counts(statuses));
        List<String> rates = new ArrayList<>();
        long previous = started;
        for (long at : windows) {
            rates.add(String.format("%.0f", 1000 / ((at - previous) / 1e9)));
            previous = at;
        }
        System.out.println("  req/s per 1000 answers: " + rates);
        new TreeMap<>(byMutation).forEach((mutation, counts) -> {
            long n = counts.values().stream().mapToLong(LongAdder::sum).sum();
            System.out.printf("  %-18s %5.1f ms  %s%n", mutation, latency.getOrDefault(mutation, new LongAdder()).sum() / 1e6 / Math.max(n, 1), counts(counts));
        });
        // each kind of defect once, with a few of its requests (the whole list is in no one's interest)
        new TreeMap<>(failures).forEach((kind, examples) -> {
            System.out.printf("  DEFECT %s: %d requests, e.g.%n", kind, examples.size());
            examples.stream().limit(3).forEach(example -> System.out.println("      " + example));
        });

        stalls.forEach(stall -> System.out.println("  STALL " + stall));
        Map<String, List<String>> examples = new TreeMap<>();
        failures.forEach((kind, requests) -> examples.put(kind, requests.stream().limit(2).toList()));
        assertThat(examples).as("kinds of answers that are 5xx or not a proper problem, with examples").isEmpty();
        assertThat(stalls).as("requests without an answer within 30 s (each answered when sent again)").hasSizeLessThanOrEqualTo(STALL_BUDGET);
        // the mix reached the handlers, not only the parser: some commands were accepted, some refused by state
        assertThat(statuses).containsKeys(200, 400, 404, 409);
    }

    /**
     * Text that is no text (a lone surrogate, NUL) is refused at every service's edge with 400 naming the field: it
     * would otherwise be stored in events that PostgreSQL's jsonb (the audit trace) cannot take.
     */
    @Test
    void brokenTextIsRefusedByEveryServiceNamingTheField() throws Exception {
        record Refused(String path, String role, String field, String body) {
        }
        List<Refused> refused = List.of(
                new Refused("/api/v1/complaints", "AGENT", "description",
                        LocalStackEndToEndTest.COMPLAINT.replace("\"Pump delivered without its manual\"", "\"\\ud800 manual\"")),
                new Refused("/api/v1/service-orders/" + REAL_IDS.get("order").get(1) + "/dispatch", "DISPATCHER", "taskBrief",
                        "{\"taskBrief\":\"nul\\u0000brief\"}"),
                new Refused("/api/v1/capas", "QUALITY", "problemStatement", "{\"problemStatement\":\"x\\udfff\",\"source\":\"INTERNAL\"}"),
                new Refused("/api/v1/surveys", "AGENT", "comments",
                        withField(ApiRolesEndToEndTest.survey("CUST-TEXT"), "\"comments\":\"\\u0007bell\"")));
        for (Refused command : refused) {
            HttpResponse<String> response = post(command.path(), TOKENS.get(command.role()), command.body());
            ProblemAnswers.assertProblem(response, 400);
            assertThat(response.body()).as(command.path()).contains("\"field\":\"" + command.field() + "\"");
        }
    }

    /**
     * An Accept the answer cannot meet is refused before the command runs: a 406 has changed nothing. Each command
     * on a real aggregate, by a user of its own, and no event of the aggregate names that user afterwards.
     */
    @Test
    void aCommandRefusedAsNotAcceptableHasChangedNothing() throws Exception {
        String auditor = token("fuzz-auditor", "AUDITOR");
        Random random = new Random(SEED);
        int checked = 0;
        for (Command command : COMMANDS) {
            String aggregate = command.path().startsWith(COMPLAINT_PATH) ? "complaint"
                    : command.path().startsWith(ORDER_PATH) ? "order" : command.path().startsWith(CAPA_PATH) ? "capa" : null;
            if (aggregate == null) {
                continue;   // creations: the class-wide produces of their controllers answers before any id exists
            }
            String path = command.path();
            for (Map.Entry<String, List<String>> ids : REAL_IDS.entrySet()) {
                path = path.replace("{" + ids.getKey() + "}", ids.getValue().get(0));
            }
            String user = "accept-probe-" + checked++;
            HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
                    .header("Content-Type", "application/json").header("Accept", "application/xml")
                    .header("Authorization", "Bearer " + token(user, command.role()))
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(validBody(command, random)))).build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            ProblemAnswers.assertProblem(response, 406);

            String trail = "/api/v1/audit/" + Map.of("complaint", "complaints", "order", "service-orders", "capa", "capas").get(aggregate)
                    + "/" + REAL_IDS.get(aggregate).get(0) + "/events";
            HttpResponse<String> events = get(trail, auditor);
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
            assertThat(events.body()).as("%s after %s with Accept: application/xml", trail, path)
                    .doesNotContain("\"actor\":\"" + user + "\"");
        }
        assertThat(checked).isGreaterThan(25);
    }

    /** The request once more on a client of its own (a new connection): what it answered, for the stall's record. */
    static String resend(Probe probe) {
        try {
            HttpResponse<String> response = send(probe, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build());
            String defect = response.statusCode() >= 500 ? "server error"
                    : response.statusCode() >= 400 ? ProblemAnswers.defect(response) : null;
            return defect == null ? "answered " + response.statusCode() : "defect " + response.statusCode() + " (" + defect + ")";
        } catch (Exception e) {
            return "no answer again: " + e;
        }
    }

    static HttpResponse<String> send(Probe probe) throws Exception {
        return send(probe, CLIENT);
    }

    static HttpResponse<String> send(Probe probe, HttpClient client) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl() + probe.path())).timeout(Duration.ofSeconds(30));
        HttpRequest.BodyPublisher body;
        if (probe.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (probe.chunked()) {
            byte[] bytes = probe.body();
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(probe.body());
        }
        request.method(probe.method(), body);
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        probe.headers().forEach(request::header);
        request.header("Authorization", "Bearer " + TOKENS.get(probe.command().role()));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- generating probes -------------------------------------------------------------------------------------

    static Probe probe(Random r) {
        Command command = COMMANDS.get(r.nextInt(COMMANDS.size()));
        Mutation mutation = mutation(r);
        Map<String, Object> body = validBody(command, r);
        String path = path(command, r, mutation == Mutation.GARBAGE_ID);
        String method = "POST";
        String contentType = "application/json";
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] bytes;
        boolean chunked = false;
        switch (mutation) {
            case BROKEN_JSON -> bytes = utf8(brokenJson(Json.write(body), r));
            case WRONG_TYPE -> bytes = utf8(Json.write(replaceField(body, r, pick(r, WRONG_TYPES))));
            case MISSING_FIELD -> {
                if (!body.isEmpty() && r.nextInt(4) > 0) {
                    body.remove(pick(r, new ArrayList<>(body.keySet())));
                } else {
                    body.clear();
                }
                bytes = utf8(Json.write(body));
            }
            case NULL_FIELD -> bytes = utf8(r.nextInt(5) == 0 ? "null" : Json.write(replaceField(body, r, null)));
            case HUGE_STRING -> {
                // mostly under the 64 KiB limit (reaches the aggregate's length checks), sometimes over it
                int length = r.nextInt(3) == 0 ? MAX_BODY + 1 + r.nextInt(20_000) : 1_000 + r.nextInt(MAX_BODY - 2_000);
                bytes = utf8(Json.write(replaceField(body, r, "ü".repeat(length / 4) + "x".repeat(length / 2))));
                chunked = r.nextBoolean();
            }
            case UNKNOWN_ENUM -> bytes = utf8(Json.write(replaceField(body, r, enumField(command), pick(r, UNKNOWN_ENUMS))));
            case BAD_NUMBER -> bytes = utf8(Json.write(replaceField(body, r, numberField(command), pick(r, BAD_NUMBERS))));
            case BAD_DATE -> bytes = utf8(Json.write(replaceField(body, r, dateField(command), pick(r, BAD_DATES))));
            case ARRAY_FOR_OBJECT -> {
                int variant = r.nextInt(3);
                Object replaced = variant == 0 ? List.of(body) : variant == 1 ? List.of() : List.of(List.of("x"), Map.of("a", 1));
                bytes = utf8(variant == 2 && !body.isEmpty() ? Json.write(replaceField(body, r, replaced)) : Json.write(replaced));
            }
            case EMPTY_BODY -> {
                int variant = r.nextInt(3);
                bytes = variant == 0 ? null : utf8(variant == 1 ? "" : " \n\t ");
            }
            case WRONG_CONTENT_TYPE -> {
                contentType = pick(r, CONTENT_TYPES);
                bytes = utf8(contentType != null && contentType.startsWith("application/x-www-form") ? "customerId=x&year=2026" : Json.write(body));
            }
            case ODD_UNICODE -> bytes = oddUnicode(body, r);
            case GARBAGE_ID, VALID -> bytes = utf8(Json.write(body));
            case EXTRA_FIELDS -> {
                body.put("@class", "java.lang.ProcessBuilder");
                body.put("__proto__", Map.of("admin", true));
                body.put("version", -1);
                String json = Json.write(body);
                // a duplicate key: the last one wins or the parser refuses, either is fine
                bytes = utf8(json.length() > 2 ? json.substring(0, json.length() - 1) + ",\"reason\":1,\"reason\":\"twice\"}" : json);
            }
            case DEEP_NESTING -> {
                int depth = 2_000 + r.nextInt(8_000);
                bytes = utf8(r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"reason\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
            }
            case WRONG_METHOD -> {
                method = pick(r, List.of("PUT", "PATCH", "DELETE"));
                bytes = utf8(Json.write(body));
            }
            case ODD_ACCEPT -> {
                headers.put("Accept", pick(r, List.of("application/xml", "text/html", "image/png", "text/csv", "application/pdf")));
                bytes = utf8(Json.write(body));
            }
            case IDEMPOTENCY_KEY -> {
                // a few keys reused with other bodies (422) or at the same time (409), some too long or blank
                headers.put("Idempotency-Key", pick(r, List.of("fuzz-key-1", "fuzz-key-2", "k".repeat(300), " ", "fuzz key with spaces")));
                bytes = utf8(Json.write(body));
            }
            default -> throw new IllegalStateException("unknown mutation " + mutation);
        }
        return new Probe(command, mutation, method, path, bytes == null ? null : contentType, bytes, chunked, headers);
    }

    static Mutation mutation(Random r) {
        int total = 0;
        for (Mutation m : Mutation.values()) {
            total += m.weight;
        }
        int at = r.nextInt(total);
        for (Mutation m : Mutation.values()) {
            at -= m.weight;
            if (at < 0) {
                return m;
            }
        }
        throw new IllegalStateException();
    }

    /** The command's path with real ids (mostly), unknown ones, or with one replaced by garbage. */
    static String path(Command command, Random r, boolean garbage) {
        String path = command.path();
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher braces = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path);
        while (braces.find()) {
            names.add(braces.group(1));
        }
        String spoiled = garbage && !names.isEmpty() ? pick(r, names) : null;
        for (String name : names) {
            String id;
            if (name.equals(spoiled)) {
                id = pick(r, GARBAGE_IDS);
            } else if (r.nextInt(5) == 0) {
                id = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            } else {
                id = pick(r, REAL_IDS.get(name));
            }
            path = path.replace("{" + name + "}", id);
        }
        return path;
    }

    static Map<String, Object> validBody(Command command, Random r) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Field field : command.fields()) {
            body.put(field.name(), valid(field, r));
        }
        return body;
    }

    static Object valid(Field field, Random r) {
        return switch (field.kind()) {
            case TEXT -> pick(r, List.of("pump", "seal", "Li Wei", "bearing worn", "回电客户", "OK")) + " " + r.nextInt(1000);
            case ENUM -> pick(r, field.values());
            case BOOL -> r.nextBoolean();
            case INT -> 1 + r.nextInt(5);
            case YEAR -> Year.now().getValue() - r.nextInt(2);
            case INSTANT -> Instant.now().minus(r.nextInt(72 * 60), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
            case DATE -> LocalDate.now().minusDays(r.nextInt(500)).toString();
            case FUTURE_DATE -> LocalDate.now().plusDays(1 + r.nextInt(60)).toString();
            case TEXTS -> List.of("WI-" + r.nextInt(100), "factor " + r.nextInt(100));
            case CONTACT -> {
                Map<String, Object> contact = new LinkedHashMap<>();
                contact.put("name", "Wang Fang");
                contact.put("phone", "+86 21 5555 0" + (100 + r.nextInt(900)));
                contact.put("email", "wang" + r.nextInt(100) + "@example.com");
                yield contact;
            }
            case ANSWERS -> {
                Map<String, Object> answers = new LinkedHashMap<>();
                ITEMS.forEach(item -> answers.put(item, pick(r, LEVELS)));
                yield answers;
            }
        };
    }

    /** The body with one field (of those named, or any) set to {@code value}; a new field when there is none. */
    static Map<String, Object> replaceField(Map<String, Object> body, Random r, Object value) {
        return replaceField(body, r, new ArrayList<>(body.keySet()), value);
    }

    static Map<String, Object> replaceField(Map<String, Object> body, Random r, List<String> candidates, Object value) {
        List<String> names = candidates.isEmpty() ? new ArrayList<>(body.keySet()) : candidates;
        String name = names.isEmpty() ? "reason" : pick(r, names);
        if (name.equals("contact") && r.nextBoolean()) {
            // one level down: contact.email and friends
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("name", "x");
            contact.put(pick(r, List.of("name", "phone", "email")), value);
            body.put(name, contact);
        } else if (name.equals("answers") && r.nextBoolean()) {
            Map<String, Object> answers = new LinkedHashMap<>();
            ITEMS.forEach(item -> answers.put(item, "SATISFIED"));
            answers.put(r.nextBoolean() ? pick(r, ITEMS) : "NOT_AN_ITEM", value);
            body.put(name, answers);
        } else {
            body.put(name, value);
        }
        return body;
    }

    static List<String> enumField(Command command) {
        return names(command, Kind.ENUM, Kind.ANSWERS);
    }

    static List<String> numberField(Command command) {
        return names(command, Kind.INT, Kind.YEAR);
    }

    static List<String> dateField(Command command) {
        return names(command, Kind.INSTANT, Kind.DATE, Kind.FUTURE_DATE);
    }

    static List<String> names(Command command, Kind... kinds) {
        List<Kind> wanted = List.of(kinds);
        return command.fields().stream().filter(f -> wanted.contains(f.kind())).map(Field::name).toList();
    }

    static String brokenJson(String json, Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> json.substring(0, Math.max(1, r.nextInt(json.length())));
            case 1 -> {
                StringBuilder broken = new StringBuilder(json);
                broken.setCharAt(r.nextInt(json.length()), pick(r, List.of('{', '}', '[', ']', ',', ':', '"', '\\', '\'')));
                yield broken.toString();
            }
            case 2 -> json + pick(r, List.of("}", " trailing", ",{}", "]"));
            case 3 -> json.replace("\"", "'");
            case 4 -> json.replaceFirst(",", ",,");
            default -> pick(r, List.of("hello", "<complaint/>", "{\"a\":NaN}", "{\"a\":Infinity}", "{/* comment */}", "{\"a\":1,}",
                    "\"just a string\"", "42", "true", "{\"a\":\"\\x41\"}", "{\"a\":\"unterminated}", "\u0000", "{{}}"));
        };
    }

    static byte[] oddUnicode(Map<String, Object> body, Random r) {
        return switch (r.nextInt(4)) {
            // JSON escapes of a lone surrogate, NUL and other control characters
            case 0 -> utf8(Json.write(replaceField(body, r, new Json.Raw(pick(r, List.of("\"\\ud800\"", "\"x\\udfff\"",
                    "\"\\u0000\"", "\"nul\\u0000in the middle\"", "\"\\u0007\\u001b[31m\"", "\"\\uffff\\ufffe\"", "\"\\ud83d\\ude00\""))))));
            // invalid UTF-8 bytes inside a string
            case 1 -> {
                byte[] valid = utf8(Json.write(replaceField(body, r, "@@@")));
                String json = new String(valid, StandardCharsets.UTF_8);
                int at = json.indexOf("@@@");
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
                byte[] before = utf8(json.substring(0, at));
                byte[] after = utf8(json.substring(at + 3));
                byte[] out = new byte[before.length + bad.length + after.length];
                System.arraycopy(before, 0, out, 0, before.length);
                System.arraycopy(bad, 0, out, before.length, bad.length);
                System.arraycopy(after, 0, out, before.length + bad.length, after.length);
                yield out;
            }
            // a byte-order mark before the JSON
            case 2 -> utf8("\uFEFF" + Json.write(body));
            // right-to-left override, zero-width characters, combining marks, emoji, CJK
            default -> utf8(Json.write(replaceField(body, r, pick(r, List.of("\u202Egnp.exe", "zero\u200Bwidth\u200D",
                    "e\u0301\u0301\u0301", "😀🔥🎉", "中文投诉内容", "\u00A0\u2028\u2029", "\uD83D\uDE00".repeat(100), "Ω≈ç√∫")))));
        };
    }

    static final List<Object> WRONG_TYPES = List.of(12345, -1, 3.14, true, false, Map.of(), Map.of("a", 1), List.of(),
            List.of("x"), "text", "", "   ", new Json.Raw("1e400"), new Json.Raw("-0"));
    static final List<Object> UNKNOWN_ENUMS = List.of("NOT_A_VALUE", "phone", "", " PHONE", "PHONE ", "0", "null",
            "VERY_SATISFIED_INDEED", new Json.Raw("3"), new Json.Raw("true"), "ÄÖÜ");
    static final List<Object> BAD_NUMBERS = List.of(-1, 0, -2_147_483_649L, 2_147_483_648L, Long.MAX_VALUE, Long.MIN_VALUE,
            new Json.Raw("99999999999999999999999"), new Json.Raw("1.5"), new Json.Raw("1e400"), new Json.Raw("-1e-400"),
            "12", "12abc", "", new Json.Raw("NaN"), -99999, 99999, 1_000_000_000);
    static final List<Object> BAD_DATES = List.of("2026-02-30", "2026-13-01", "yesterday", "2026-01-01T25:00:00Z",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31", "-999999999-01-01", "2026-1-1", "",
            "0000-00-00", new Json.Raw("1700000000"), new Json.Raw("-62167219200000"), new Json.Raw("1e20"), "2026-11-21T10:00:00",
            "2026-11-21T10:00:00+25:00", "9999-12-31", "1900-01-01", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2026-11-21T10:00:00.123456789123Z", new Json.Raw("[2026,11,21]"));
    static final List<String> CONTENT_TYPES = Collections.unmodifiableList(java.util.Arrays.asList(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
            null, "application/json; charset=ISO-8859-1", "application/json; charset=klingon", "application/json; charset=UTF-16",
            "application/*", "*/*", "garbage", "application/json-patch+json", "text/json", "application/json; charset=\"",
            "application/json;;;"));
    static final List<String> GARBAGE_IDS = List.of("%20", "..", "%2e%2e", "%2F", "a%2Fb", "%00", "x%00y", "%0d%0aSet-Cookie:%20a=b",
            "'%20OR%201=1--", "%24%7Bjndi:ldap://x%7D", "x".repeat(3000), "%F0%9F%98%80", "%E4%B8%AD%E6%96%87", "%C3%28",
            "%FF%FE", ";jsessionid=1", "x;y=z", "~", "%25", "null", "-1", "0", "CON", "%3Cscript%3E", "%5C..%5C", "a.json",
            "%E2%80%AE", "%EF%BB%BF");

    /** A JSON object with one more member, written as it is. */
    static String withField(String json, String member) {
        return json.substring(0, json.lastIndexOf('}')) + "," + member + "}";
    }

    static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String text, int max) {
        return text == null ? "" : text.length() > max ? text.substring(0, max) + "…" : text;
    }

    static String counts(Map<Integer, LongAdder> counts) {
        Map<Integer, Long> sorted = new TreeMap<>();
        counts.forEach((status, n) -> sorted.put(status, n.sum()));
        return sorted.toString();
    }

    static Command command(String path, String role, Field... fields) {
        return new Command(path, role, List.of(fields));
    }

    static Field text(String name) {
        return new Field(name, Kind.TEXT, List.of());
    }

    static Field typed(String name, Kind kind) {
        return new Field(name, kind, List.of());
    }

    static Field choice(String name, String... values) {
        return new Field(name, Kind.ENUM, List.of(values));
    }

    static Field choice(String name, List<String> values) {
        return new Field(name, Kind.ENUM, values);
    }

    /** Just enough JSON writing to put broken things where a serializer would refuse to. */
    static final class Json {
        /** Written as it is: {@code 1e400}, {@code NaN}, {@code "\ud800"}. */
        record Raw(String text) {
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Raw raw) {
                out.append(raw.text());
            } else if (value instanceof String text) {
                out.append('"');
                for (char c : text.toCharArray()) {
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                out.append('"');
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    write(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            } else {
                out.append(value);
            }
        }
    }
}
