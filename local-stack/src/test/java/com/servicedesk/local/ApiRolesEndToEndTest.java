package com.servicedesk.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.servicedesk.local.RunningStack.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of API.md × every role (and no token), generated from ONE table: no token is 401, a role the row
 * does not name is 403, a role it names is let through (any answer but 401/403, never a 5xx). ADMIN holds every role.
 * To cover a new endpoint add a row to {@link #TABLE}; the path may name the resources the setup creates.
 * <p>
 * Runs after {@link LocalStackEndToEndTest} (see junit-platform.properties), whose counts assume an empty stack.
 */
@Order(Order.DEFAULT + 10)
class ApiRolesEndToEndTest {
    static final List<String> ROLES = List.of("AGENT", "DISPATCHER", "TECHNICIAN", "QUALITY", "ANALYST", "AUDITOR", "ADMIN");
    static final Set<String> ANY = Set.copyOf(ROLES);

    /** One endpoint: who may call it, and a body good enough to get past the parser (null: none). */
    record Row(String method, String path, Set<String> roles, String body, String accept) {
        Row {
            if (!roles.equals(ANY)) {
                // ADMIN holds every other role (API.md, Conventions): never list it by hand
                roles = union(roles, Set.of("ADMIN"));
            }
        }

        Row withAccept(String mediaType) {
            return new Row(method, path, roles, body, mediaType);
        }

        String name() {
            return method + " " + path + (accept == null ? "" : " (" + accept + ")");
        }
    }

    static final String COMPLAINT = """
            {"customerId":"CUST-ROLES","customerName":"Roles Ltd","contact":{"name":"R. Ole","phone":"+86 21 5555 0199"},
             "channel":"PHONE","productModel":"HX-200","deliveryDate":"2026-01-15","category":"PRODUCT_QUALITY",
             "severity":"HIGH","region":"IN_PROVINCE","description":"Spindle vibrates"}""";

    /**
     * The table. {@code {complaint}}, {@code {order}}, {@code {capa}}, {@code {action}}, {@code {customer}} and
     * {@code {year}} are resources the setup made; {@code {unknown}} is an id nobody has.
     */
    static final List<Row> TABLE = List.of(
            // complaints (intake)
            command("/api/v1/complaints", "AGENT", COMPLAINT),
            read("/api/v1/complaints?status=REGISTERED&page=0&size=5", ANY),
            read("/api/v1/complaints/{complaint}", ANY),
            read("/api/v1/complaints/{unknown}", ANY),
            command("/api/v1/complaints/{complaint}/acknowledgement", "AGENT", "{\"note\":\"called back\"}"),
            command("/api/v1/complaints/{complaint}/classification", "AGENT", "{\"category\":\"PRODUCT_QUALITY\",\"severity\":\"HIGH\"}"),
            command("/api/v1/complaints/{complaint}/field-service-requests", "AGENT", "{\"reason\":\"needs a visit\"}"),
            command("/api/v1/complaints/{complaint}/verification", "QUALITY",
                    "{\"companyResponsible\":false,\"confirmedCategory\":\"PRODUCT_QUALITY\",\"findings\":\"operator error\"}"),
            command("/api/v1/complaints/{complaint}/reply", "AGENT", "{\"method\":\"PHONE\",\"message\":\"on our way\"}"),
            command("/api/v1/complaints/{complaint}/returns", "AGENT", "{\"quantity\":1,\"reason\":\"broken\"}"),
            command("/api/v1/complaints/{complaint}/closure", "AGENT", "{\"resolutionSummary\":\"done\"}"),
            command("/api/v1/complaints/{complaint}/rejection", "AGENT", "{\"reason\":\"not ours\"}"),
            command("/api/v1/complaints/{complaint}/reopening", "AGENT", "{\"reason\":\"back again\"}"),
            command("/api/v1/complaints/{unknown}/acknowledgement", "AGENT", "{}"),

            // service orders (field service)
            read("/api/v1/service-orders?complaintId={complaint}", ANY),
            read("/api/v1/service-orders/{order}", ANY),
            read("/api/v1/service-orders/{unknown}", ANY),
            read("/api/v1/service-orders/statistics", ANY),
            read("/api/v1/dispatch-queue", ANY),
            command("/api/v1/service-orders/{order}/assignment", "DISPATCHER", "{\"technicianId\":\"tom\",\"plannedVisitAt\":\"2026-11-22T08:00:00Z\"}"),
            command("/api/v1/service-orders/{order}/dispatch", "DISPATCHER", "{\"taskBrief\":\"check the spindle\"}"),
            command("/api/v1/service-orders/{order}/arrival", "TECHNICIAN", "{\"arrivedAt\":\"2026-11-21T08:00:00Z\"}"),
            command("/api/v1/service-orders/{order}/fault-verification", "TECHNICIAN",
                    "{\"faultConfirmed\":true,\"description\":\"bearing worn\",\"cause\":\"WEAR\",\"witnessedBy\":\"R. Ole\"}"),
            command("/api/v1/service-orders/{order}/spare-parts", "TECHNICIAN", "{\"partNumber\":\"BRG-6204\",\"quantity\":2}"),
            command("/api/v1/service-orders/{order}/spare-parts/{unknown}/shipment", "DISPATCHER", "{\"carrier\":\"SF\",\"trackingNumber\":\"SF123\"}"),
            command("/api/v1/service-orders/{order}/completion", "TECHNICIAN", "{\"workPerformed\":\"bearing replaced\",\"result\":\"RESOLVED\"}"),
            command("/api/v1/service-orders/{order}/sign-off", "TECHNICIAN", "{\"signedBy\":\"R. Ole\",\"comments\":\"quick\"}"),
            command("/api/v1/service-orders/{order}/report", "TECHNICIAN", "{\"summary\":\"bearing worn\",\"qualityFindings\":\"none\"}"),
            command("/api/v1/service-orders/{order}/cancellation", "DISPATCHER", "{\"reason\":\"customer withdrew\"}"),
            command("/api/v1/service-orders/{unknown}/dispatch", "DISPATCHER", "{\"taskBrief\":\"nothing\"}"),

            // spare-part registers
            read("/api/v1/ledgers/warranty-spare-parts", ANY),
            read("/api/v1/ledgers/warranty-spare-parts?from=2026-01-01&to=2026-12-31", ANY).withAccept("text/csv"),
            read("/api/v1/ledgers/reissue-notices?status=REQUESTED", ANY),
            read("/api/v1/ledgers/reissue-notices", ANY).withAccept("text/csv"),

            // CAPA (quality)
            command("/api/v1/capas", "QUALITY", "{\"problemStatement\":\"burrs on housings\",\"source\":\"INTERNAL\"}"),
            read("/api/v1/capas?status=IN_PROGRESS&source=INTERNAL", ANY),
            read("/api/v1/capas/{capa}", ANY),
            read("/api/v1/capas/{unknown}", ANY),
            read("/api/v1/capas/overdue-actions", ANY),
            read("/api/v1/capas/statistics", ANY),
            command("/api/v1/capas/{capa}/decision", "QUALITY", "{\"actionNeeded\":true,\"rationale\":\"recurring\"}"),
            command("/api/v1/capas/{capa}/containment", "QUALITY", "{\"actions\":\"stock checked\"}"),
            command("/api/v1/capas/{capa}/root-cause", "QUALITY", "{\"method\":\"FIVE_WHYS\",\"rootCause\":\"worn die\",\"contributingFactors\":[\"no check\"]}"),
            command("/api/v1/capas/{capa}/actions", "QUALITY",
                    "{\"type\":\"CORRECTIVE\",\"description\":\"replace die\",\"owner\":\"quinn\",\"dueDate\":\"" + LocalDate.now().plusDays(30) + "\"}"),
            command("/api/v1/capas/{capa}/actions/{action}/completion", "QUALITY", "{\"evidence\":\"die replaced\"}"),
            command("/api/v1/capas/{capa}/effectiveness-check", "QUALITY", "{\"effective\":true,\"evidence\":\"no burrs since\"}"),
            command("/api/v1/capas/{capa}/standardization", "QUALITY", "{\"documents\":[\"WI-12 rev 3\"]}"),
            command("/api/v1/capas/{capa}/closure", "QUALITY", "{}"),
            command("/api/v1/capas/{capa}/cancellation", "QUALITY", "{\"reason\":\"duplicate\"}"),
            command("/api/v1/capas/{unknown}/decision", "QUALITY", "{\"actionNeeded\":false,\"rationale\":\"none\"}"),

            // satisfaction
            read("/api/v1/survey-items", ANY),
            command("/api/v1/surveys", "AGENT", survey("CUST-ROLES-SURVEY")),
            read("/api/v1/scorecards/{customer}/{year}", ANY),
            read("/api/v1/scorecards/NOBODY/{year}", ANY),
            read("/api/v1/scorecards?year={year}&below=70", "ANALYST"),
            read("/api/v1/scorecards/item-means?year={year}", "ANALYST"),

            // dashboards and reports
            read("/api/v1/dashboard/sla", "ANALYST"),
            read("/api/v1/dashboard/sla?region=IN_PROVINCE&category=DELIVERY", "ANALYST"),
            read("/api/v1/reports/yearly/{year}", "ANALYST"),
            read("/api/v1/reports/yearly/{year}?customerId={customer}", "ANALYST").withAccept("text/html"),

            // audit
            read("/api/v1/audit/complaints/{complaint}/events", "AUDITOR"),
            read("/api/v1/audit/complaints/{complaint}/integrity", "AUDITOR"),
            read("/api/v1/audit/complaints/{complaint}/trace", "AUDITOR"),
            read("/api/v1/audit/service-orders/{order}/events", "AUDITOR"),
            read("/api/v1/audit/service-orders/{order}/integrity", "AUDITOR"),
            read("/api/v1/audit/capas/{capa}/events", "AUDITOR"),
            read("/api/v1/audit/capas/{capa}/integrity", "AUDITOR"),
            read("/api/v1/audit/scorecards/{customer}/{year}/events", "AUDITOR"),
            read("/api/v1/audit/scorecards/{customer}/{year}/integrity", "AUDITOR"),
            read("/api/v1/audit/complaints/{unknown}/events", "AUDITOR"),

            // administration (a rebuild of an unknown projection: the role is checked without starting one)
            read("/api/v1/admin/projections", "ADMIN"),
            read("/api/v1/admin/projections/intake-complaint-projection", "ADMIN"),
            read("/api/v1/admin/projections/reporting-complaint-story", "ADMIN"),
            command("/api/v1/admin/projections/quality-nothing/rebuild", "ADMIN", "{}"));

    static final Map<String, String> IDS = new LinkedHashMap<>();
    static final Map<String, String> TOKENS = new LinkedHashMap<>();

    /** Real resources for the paths, so that allowed calls reach real handlers, not only the not-found path. */
    @BeforeAll
    static void createResources() throws Exception {
        for (String role : ROLES) {
            TOKENS.put(role, token("roles-" + role.toLowerCase(), role));
        }
        String agent = TOKENS.get("AGENT");
        String quality = TOKENS.get("QUALITY");
        String complaint = created(post("/api/v1/complaints", agent, COMPLAINT), "complaintId");
        assertThat(post("/api/v1/complaints/" + complaint + "/acknowledgement", agent, "{}").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/complaints/" + complaint + "/field-service-requests", agent, "{\"reason\":\"visit\"}").statusCode()).isEqualTo(202);
        awaitBody("/api/v1/service-orders?complaintId=" + complaint, agent, "\"serviceOrderId\"", Duration.ofSeconds(15));
        String order = field(get("/api/v1/service-orders?complaintId=" + complaint, agent).body(), "serviceOrderId");

        String capa = created(post("/api/v1/capas", quality, "{\"problemStatement\":\"burrs\",\"source\":\"INTERNAL\"}"), "capaId");
        String capaPath = "/api/v1/capas/" + capa;
        assertThat(post(capaPath + "/decision", quality, "{\"actionNeeded\":true,\"rationale\":\"recurring\"}").statusCode()).isEqualTo(200);
        assertThat(post(capaPath + "/root-cause", quality, "{\"method\":\"FISHBONE\",\"rootCause\":\"die\",\"contributingFactors\":[]}")
                .statusCode()).isEqualTo(200);
        String action = created(post(capaPath + "/actions", quality, "{\"type\":\"CORRECTIVE\",\"description\":\"new die\",\"owner\":\"quinn\",\"dueDate\":\""
                + LocalDate.now().plusDays(10) + "\"}"), "actionId");

        String customer = "CUST-ROLES-CARD";
        assertThat(post("/api/v1/surveys", agent, survey(customer)).statusCode()).isEqualTo(201);

        IDS.put("complaint", complaint);
        IDS.put("order", order);
        IDS.put("capa", capa);
        IDS.put("action", action);
        IDS.put("customer", customer);
        IDS.put("year", String.valueOf(Year.now().getValue()));
        IDS.put("unknown", "00000000-0000-0000-0000-00000000dead");
    }

    @TestFactory
    Stream<DynamicNode> everyEndpointForEveryRole() {
        return TABLE.stream().map(row -> {
            List<DynamicTest> cells = new ArrayList<>();
            cells.add(DynamicTest.dynamicTest("no token → 401", () -> {
                HttpResponse<String> response = call(row, null);
                ProblemAnswers.assertProblem(response, 401);
            }));
            for (String role : ROLES) {
                boolean allowed = row.roles().contains(role);
                cells.add(DynamicTest.dynamicTest(role + (allowed ? " → allowed" : " → 403"), () -> {
                    HttpResponse<String> response = call(row, TOKENS.get(role));
                    if (allowed) {
                        assertThat(response.statusCode()).as("%s as %s: %s", row.name(), role, response.body())
                                .isNotIn(401, 403).isLessThan(500);
                        if (response.statusCode() >= 400) {
                            assertThat(ProblemAnswers.defect(response)).as("problem answer %s", response.body()).isNull();
                        }
                    } else {
                        ProblemAnswers.assertProblem(response, 403);
                    }
                }));
            }
            return DynamicContainer.dynamicContainer(row.name(), cells);
        });
    }

    /**
     * Every endpoint API.md lists has a row with API.md's role ("any": every role). The contract lives next to the
     * repository ({@code ../shared/API.md}); {@code docs/API.md} is its copy for clones without it, and must be
     * identical where both exist.
     */
    @Test
    void everyEndpointOfApiMdHasARowWithItsRole() throws Exception {
        Path apiMd = apiMd();
        Pattern endpoint = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`]+)`");
        List<String> checked = new ArrayList<>();
        for (String line : Files.readAllLines(apiMd)) {
            String[] cells = line.split("(?<!\\\\)\\|");
            if (cells.length < 3 || !cells[1].contains("`")) {
                continue;
            }
            String role = cells[2].trim();
            Set<String> roles = role.equals("any") ? ANY : union(Set.of(role), Set.of("ADMIN"));
            Matcher matcher = endpoint.matcher(cells[1]);
            while (matcher.find()) {
                String path = matcher.group(2).replaceAll("\\?.*", "");
                Pattern template = template(path);
                String method = matcher.group(1);
                List<Row> rows = TABLE.stream().filter(row -> row.method().equals(method)
                        && template.matcher(row.path().replaceAll("\\?.*", "").replaceFirst("^/api/v1", "")).matches()).toList();
                assertThat(rows).as("rows for %s %s", method, path).isNotEmpty()
                        .allSatisfy(row -> assertThat(row.roles()).as(row.name()).isEqualTo(roles));
                checked.add(method + " " + path);
            }
        }
        assertThat(checked).as("endpoints read from " + apiMd).hasSizeGreaterThan(40);
    }

    /** API.md's path as a pattern: {@code {a|b}} is one of them, {@code {…}} anything, any other {@code {x}} one segment. */
    static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        Matcher braces = Pattern.compile("\\{([^}]*)}").matcher(path);
        int last = 0;
        while (braces.find()) {
            regex.append(Pattern.quote(path.substring(last, braces.start())));
            String inside = braces.group(1).replace("\\|", "|");
            if (inside.equals("…")) {
                regex.append(".+");
            } else if (inside.contains("|")) {
                regex.append("(?:").append(Stream.of(inside.split("\\|")).map(Pattern::quote).collect(Collectors.joining("|"))).append(')');
            } else {
                regex.append("[^/]+");
            }
            last = braces.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(path.substring(last))).toString());
    }

    static Path apiMd() throws Exception {
        Path copy = Path.of("..").toAbsolutePath().normalize().resolve("docs").resolve("API.md");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolve("shared").resolve("API.md");
            if (Files.isRegularFile(shared)) {
                assertThat(Files.readString(copy)).as(copy + " is a copy of " + shared + ": copy it again").isEqualTo(Files.readString(shared));
                return shared;
            }
        }
        return copy;
    }

    static HttpResponse<String> call(Row row, String token) throws Exception {
        String path = row.path();
        for (Map.Entry<String, String> id : IDS.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl() + path)).timeout(Duration.ofSeconds(60));
        if (row.body() == null) {
            request.method(row.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(row.method(), HttpRequest.BodyPublishers.ofString(row.body())).header("Content-Type", "application/json");
        }
        if (row.accept() != null) {
            request.header("Accept", row.accept());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String created(HttpResponse<String> response, String idField) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return field(response.body(), idField);
    }

    static String survey(String customerId) {
        StringBuilder answers = new StringBuilder();
        for (String item : List.of("PRODUCT_QUALITY", "RELIABILITY", "DELIVERY_ON_TIME", "PACKAGING", "PRICE", "DOCUMENTATION",
                "INSTALLATION_GUIDANCE", "TRAINING", "RESPONSE_SPEED", "SERVICE_ATTITUDE", "TECHNICIAN_COMPETENCE",
                "SPARE_PARTS_AVAILABILITY", "COMPLAINT_HANDLING", "COMMUNICATION")) {
            answers.append(answers.length() == 0 ? "" : ",").append('"').append(item).append("\":\"SATISFIED\"");
        }
        return "{\"customerId\":\"" + customerId + "\",\"year\":" + Year.now().getValue() + ",\"respondedAt\":\""
                + Instant.now().minusSeconds(3600) + "\",\"answers\":{" + answers + "}}";
    }

    static Row read(String path, Set<String> roles) {
        return new Row("GET", path, roles, null, null);
    }

    static Row read(String path, String role) {
        return read(path, Set.of(role));
    }

    static Row command(String path, String role, String body) {
        return new Row("POST", path, Set.of(role), body, null);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
