package com.servicedesk.local;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;

import static com.servicedesk.local.RunningStack.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projection administration as an operator meets it through the gateway: one list of every service's projections
 * with their lag, and a rebuild of a reporting read model that leaves the yearly report as it was.
 */
@Order(Order.DEFAULT + 20)
class ProjectionAdminEndToEndTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theGatewayListsEveryServicesProjectionsForAnAdminOnly() throws Exception {
        String admin = token("ada", "ADMIN");
        HttpResponse<String> listed = get("/api/v1/admin/projections", admin);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode overview = JSON.readTree(listed.body());
        assertThat(overview.get("unavailable")).isEmpty();
        List<String> names = overview.get("projections").findValuesAsString("name");
        assertThat(names).contains("intake-complaint-projection", "fieldservice-service-order-projection",
                "quality-capa-projection", "satisfaction-scorecard-projection", "reporting-complaint-story",
                "reporting-dashboard-timeline");
        assertThat(overview.get("projections").findValuesAsString("service"))
                .contains("intake-service", "fieldservice-service", "quality-service", "satisfaction-service", "reporting-service");
        for (JsonNode projection : overview.get("projections")) {
            assertThat(projection.get("lag").asLong()).as(projection.toString()).isGreaterThanOrEqualTo(0);
        }

        HttpResponse<String> refused = get("/api/v1/admin/projections", token("ann", "AGENT"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertProblem(refused);
        assertThat(get("/api/v1/admin/projections", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aReportingReadModelRebuiltThroughTheGatewayGivesTheSameYearlyReport() throws Exception {
        String admin = token("ada", "ADMIN");
        String analyst = token("viv", "ANALYST");
        String year = String.valueOf(java.time.Year.now().getValue());
        long total = withoutGenerationTime(get("/api/v1/reports/yearly/" + year, analyst).body()).at("/complaints/total").asLong();
        assertThat(post("/api/v1/complaints", token("ann", "AGENT"), LocalStackEndToEndTest.COMPLAINT).statusCode()).isEqualTo(201);
        JsonNode before;
        long settle = System.nanoTime() + 10_000_000_000L;
        do {
            Thread.sleep(100);
            before = withoutGenerationTime(get("/api/v1/reports/yearly/" + year, analyst).body());
        } while (before.at("/complaints/total").asLong() <= total && System.nanoTime() < settle);
        assertThat(before.at("/complaints/total").asLong()).as(before.toString()).isEqualTo(total + 1);

        HttpResponse<String> started = post("/api/v1/admin/projections/reporting-complaint-story/rebuild", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = field(started.body(), "jobId");
        JsonNode projection;
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            Thread.sleep(200);
            projection = JSON.readTree(get("/api/v1/admin/projections/reporting-complaint-story", admin).body());
        } while (!projection.at("/rebuild/phase").asText().matches("DONE|FAILED") && System.nanoTime() < deadline);
        assertThat(projection.at("/rebuild/jobId").asText()).isEqualTo(jobId);
        assertThat(projection.at("/rebuild/phase").asText()).as(projection.toString()).isEqualTo("DONE");
        assertThat(projection.at("/rebuild/eventsDone").asLong()).isPositive();
        assertThat(projection.get("collections").toString()).contains("report_complaints", "report_daily_counters");

        assertThat(withoutGenerationTime(get("/api/v1/reports/yearly/" + year, analyst).body())).isEqualTo(before);
        assertThat(post("/api/v1/admin/projections/reporting-complaint-story/rebuild", analyst, "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = post("/api/v1/admin/projections/intake-nothing/rebuild", admin, "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertProblem(unknown);
    }

    /** The report as of another moment differs only in when it was made (clock states are judged then). */
    static JsonNode withoutGenerationTime(String report) {
        tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode) JSON.readTree(report);
        node.remove("generatedAt");
        return node;
    }
}
