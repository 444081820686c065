package com.servicedesk.reporting.web;

import com.servicedesk.embedded.TestInfrastructure;
import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.platform.testing.ForeignEvents;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import com.servicedesk.reporting.ReportingServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import com.servicedesk.platform.projection.ListenerLag;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import com.mongodb.client.model.Filters;
import com.servicedesk.reporting.query.ComplaintStoryProjection;
import com.servicedesk.reporting.query.DashboardTimelineProjection;
import com.servicedesk.reporting.query.ServiceOrderFactsProjection;
import com.servicedesk.reporting.query.YearlySummaries;
import com.servicedesk.reporting.report.YearlyReportFormat;
import org.bson.Document;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static com.servicedesk.reporting.web.ReportingStory.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side on real PostgreSQL, Kafka and Mongo-wire, fed a scripted year over the four topics (events recorded at
 * the business times they describe). Every expected number below is worked out by hand from the story in
 * {@link #tell()}; the comments show the arithmetic.
 */
@SpringBootTest(classes = ReportingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(ReportingIntegrationTest.ReadModelQueries.class)
class ReportingIntegrationTest {
    static final String ANALYST = TestTokens.token("viv", "ANALYST");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static ForeignEvents events;
    static boolean told;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "reporting");
    }

    @BeforeAll
    static void producer() {
        events = new ForeignEvents(TestInfrastructure.get().kafka().bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readModels;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReadModelQueries queries;
    @Autowired
    ListenerLag listenerLag;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    Http http;

    /** Every command the service sends to its Mongo read models, as the driver starts it. */
    @TestConfiguration
    static class ReadModelQueries implements CommandListener {
        final List<BsonDocument> started = new CopyOnWriteArrayList<>();

        @Bean
        MongoClientSettingsBuilderCustomizer listening() {
            return settings -> settings.addCommandListener(this);
        }

        @Override
        public void commandStarted(CommandStartedEvent event) {
            started.add(event.getCommand().clone());
        }
    }

    @BeforeEach
    void tellOnce() throws Exception {
        http = new Http("http://localhost:" + port);
        if (!told) {
            tell();
            told = true;
            // wait until the last fact of each topic has arrived
            await("/api/v1/reports/yearly/2025", r -> r.at("/satisfaction/deductions/count").asLong() == 3
                    && r.at("/capa/opened").asLong() == 3 && r.at("/improvements").size() == 2
                    && r.at("/clocks/report/metLate").asLong() == 1 && r.at("/complaints/closed").asLong() == 3
                    && r.at("/returns/quantity").asLong() == 8 && r.at("/complaints/rejected").asLong() == 1);
            await("/api/v1/dashboard/sla", d -> d.at("/complaints/registered").asLong() == 7
                    && d.at("/clocks/report/BREACHED").asLong() == 1 && d.at("/clocks/reply/MET").asLong() == 3);
        }
    }

    /** The year 2025 of four customers; the zone is Asia/Shanghai (UTC+8). */
    static void tell() throws Exception {
        ReportingStory story = new ReportingStory(events);
        // C1: the full happy path with a visit, a return and a CAPA
        story.complaint("C1", "CUST-A", Channel.PHONE, ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH, Region.IN_PROVINCE, at("2025-03-03T01:00:00Z"));
        story.acknowledged("C1", 2);
        story.visit("C1", "O1", "CUST-A", Region.IN_PROVINCE, ComplaintCategory.PRODUCT_QUALITY, 3, 39, 26, Billing.IN_WARRANTY, 2,
                ServiceResult.RESOLVED, 31, 10.0);
        story.verified("C1", "CUST-A", true, ComplaintCategory.PRODUCT_QUALITY, 27);
        story.returned("C1", 3, 28);
        story.replied("C1", 30);
        story.closed("C1", 48);
        // C2: acknowledged late
        story.complaint("C2", "CUST-A", Channel.EMAIL, ComplaintCategory.DELIVERY, Severity.MEDIUM, Region.OUT_OF_PROVINCE, at("2025-04-01T00:00:00Z"));
        story.acknowledged("C2", 30);
        story.verified("C2", "CUST-A", true, ComplaintCategory.DELIVERY, 35);
        story.replied("C2", 40);
        story.closed("C2", 72);
        // C3: a late, unresolved first visit (paid), a second visit that fixed it but whose report never came
        story.complaint("C3", "CUST-B", Channel.WEB, ComplaintCategory.SERVICE, Severity.LOW, Region.IN_PROVINCE, at("2025-05-05T02:00:00Z"));
        story.acknowledged("C3", 1);
        story.visit("C3", "O2", "CUST-B", Region.IN_PROVINCE, ComplaintCategory.SERVICE, 2, 30, 40, Billing.PAID, 0,
                ServiceResult.UNRESOLVED, 42, 60.0);
        story.replied("C3", 47);
        story.visit("C3", "O3", "CUST-B", Region.IN_PROVINCE, ComplaintCategory.SERVICE, 43, 80, 60, Billing.IN_WARRANTY, 1,
                ServiceResult.RESOLVED, 62, null);
        story.verified("C3", "CUST-B", false, ComplaintCategory.SERVICE, 63);
        story.closed("C3", 120);
        // C4: nobody ever answered
        story.complaint("C4", "CUST-C", Channel.FAX, ComplaintCategory.DOCUMENTATION, Severity.EMERGENCY, Region.OUT_OF_PROVINCE, at("2025-06-10T00:00:00Z"));
        // C5: acknowledged, then rejected as a duplicate: no reply owed
        story.complaint("C5", "CUST-C", Channel.LETTER, ComplaintCategory.OTHER, Severity.LOW, Region.IN_PROVINCE, at("2025-07-01T00:00:00Z"));
        story.acknowledged("C5", 3);
        story.rejected("C5", 4);
        // C7: 23:00 on 31 December local: still 2025; two returns
        story.complaint("C7", "CUST-B", Channel.PHONE, ComplaintCategory.PRODUCT_QUALITY, Severity.MEDIUM, Region.IN_PROVINCE, at("2025-12-31T15:00:00Z"));
        story.acknowledged("C7", 1);
        story.returned("C7", 4, 2);
        story.returned("C7", 1, 3);
        // C6: 01:00 on 1 January local: a 2026 complaint although its UTC date is 2025
        story.complaint("C6", "CUST-B", Channel.VISIT, ComplaintCategory.PRODUCT_QUALITY, Severity.MEDIUM, Region.IN_PROVINCE, at("2025-12-31T17:00:00Z"));

        // K1 from C1: effective in its first cycle; K2 internal: the same root cause written otherwise, an action
        // overdue and finished late, not effective; K3 from C2: no root cause yet; K4 opened in 2024, closed in 2025
        story.capaOpened("K1", CapaSource.COMPLAINT, "C1", at("2025-03-04T12:00:00Z"));
        story.rootCause("K1", 1, "Seal supplier lot", at("2025-03-05T12:00:00Z"));
        story.action("K1", "A1", 1, at("2025-03-20T16:00:00Z"), at("2025-03-05T13:00:00Z"));
        story.actionCompleted("K1", "A1", 1, false, at("2025-03-15T00:00:00Z"));
        story.checked("K1", 1, true, at("2025-03-25T00:00:00Z"));
        story.standardizedAndClosed("K1", List.of("WI-12 rev B"), at("2025-03-30T00:00:00Z"));
        story.capaOpened("K2", CapaSource.INTERNAL, null, at("2025-05-01T00:00:00Z"));
        story.rootCause("K2", 1, " seal supplier LOT ", at("2025-05-02T00:00:00Z"));
        story.action("K2", "A2", 1, at("2025-05-10T16:00:00Z"), at("2025-05-02T01:00:00Z"));
        story.actionOverdue("K2", "A2", 1, at("2025-05-10T16:00:00Z"));
        story.actionCompleted("K2", "A2", 1, true, at("2025-05-12T00:00:00Z"));
        story.checked("K2", 1, false, at("2025-05-20T00:00:00Z"));
        story.capaOpened("K3", CapaSource.COMPLAINT, "C2", at("2025-04-03T00:00:00Z"));
        story.capaOpened("K4", CapaSource.INTERNAL, null, at("2024-12-01T00:00:00Z"));
        story.rootCause("K4", 1, "Wrong torque", at("2024-12-02T00:00:00Z"));
        story.action("K4", "A4", 1, at("2024-12-20T16:00:00Z"), at("2024-12-02T01:00:00Z"));
        story.actionCompleted("K4", "A4", 1, false, at("2024-12-10T00:00:00Z"));
        story.checked("K4", 1, true, at("2025-01-10T00:00:00Z"));
        story.standardizedAndClosed("K4", List.of("SOP-3"), at("2025-01-15T00:00:00Z"));

        // scorecards 2025: A 100 − 10 (C1) − 10 (C2) = 80; B 65.50; C 92 − 5 + 5 (reversed) = 92; D a deduction, no survey
        story.survey("CUST-A", 2025, "10", "2.8", "100.00", 0, "100.00", true, "", at("2025-11-01T00:00:00Z"));
        story.deduction("CUST-A", 2025, "C1", ComplaintCategory.PRODUCT_QUALITY, 10, score("100.00", 10, "90.00", true), at("2025-11-02T00:00:00Z"));
        story.deduction("CUST-A", 2025, "C2", ComplaintCategory.DELIVERY, 10, score("100.00", 20, "80.00", true), at("2025-11-03T00:00:00Z"));
        story.survey("CUST-B", 2025, "6", "1.4", "65.50", 0, "65.50", false, "Faster spare parts <please> & thanks", at("2025-11-04T00:00:00Z"));
        story.survey("CUST-C", 2025, "9", "7", "92.00", 0, "92.00", true, null, at("2025-11-05T00:00:00Z"));
        story.deduction("CUST-C", 2025, "C4", ComplaintCategory.DOCUMENTATION, 5, score("92.00", 5, "87.00", true), at("2025-11-06T00:00:00Z"));
        story.deductionReversed("CUST-C", 2025, "C4", ComplaintCategory.DOCUMENTATION, 5, score("92.00", 0, "92.00", true), at("2025-11-07T00:00:00Z"));
        story.deduction("CUST-D", 2025, "C9", ComplaintCategory.OTHER, 5, new Score(null, 5, null, null), at("2025-11-08T00:00:00Z"));
    }

    static Score score(String base, int deductions, String fin, boolean satisfied) {
        return new Score(new BigDecimal(base), deductions, new BigDecimal(fin), satisfied);
    }

    @Test
    @Order(1)
    void theYearlyReportHasEveryNumberOfTheStory() {
        JsonNode r = get("/api/v1/reports/yearly/2025");
        // C1..C5 and C7; C6 is a 2026 complaint in Shanghai
        assertThat(r.at("/complaints/total").asLong()).isEqualTo(6);
        assertThat(r.at("/complaints/byChannel").toString()).isEqualTo("{\"PHONE\":2,\"FAX\":1,\"LETTER\":1,\"VISIT\":0,\"EMAIL\":1,\"WEB\":1}");
        assertThat(r.at("/complaints/byCategory").toString())
                .isEqualTo("{\"PRODUCT_QUALITY\":2,\"DELIVERY\":1,\"SERVICE\":1,\"DOCUMENTATION\":1,\"OTHER\":1}");
        assertThat(r.at("/complaints/byRegion").toString()).isEqualTo("{\"IN_PROVINCE\":4,\"OUT_OF_PROVINCE\":2}");
        assertThat(r.at("/complaints/bySeverity").toString()).isEqualTo("{\"LOW\":2,\"MEDIUM\":2,\"HIGH\":1,\"EMERGENCY\":1}");
        assertThat(r.at("/complaints/companyResponsible").asLong()).isEqualTo(2);
        assertThat(r.at("/complaints/closed").asLong()).isEqualTo(3);
        assertThat(r.at("/complaints/open").asLong()).isEqualTo(2);
        assertThat(r.at("/complaints/rejected").asLong()).isEqualTo(1);
        // 3 (C1) + 4 + 1 (C7)
        assertThat(r.at("/returns").toString()).isEqualTo("{\"count\":3,\"quantity\":8}");
        // acknowledge: C1 C3 C5 C7 met, C2 late, C4 breached → 4/6
        assertThat(r.at("/clocks/acknowledge").toString()).isEqualTo("{\"onTimeRate\":0.6667,\"met\":4,\"metLate\":1,\"breached\":1,\"running\":0}");
        // reply: C1 C2 C3 met, C4 and C7 breached, C5 rejected before any reply owed → 3/5
        assertThat(r.at("/clocks/reply").toString()).isEqualTo("{\"onTimeRate\":0.6,\"met\":3,\"metLate\":0,\"breached\":2,\"running\":0}");
        // on site: O1 26 h of 39, O2 40 h of 30, O3 60 h of 80 → 2/3
        assertThat(r.at("/clocks/onSite").toString()).isEqualTo("{\"onTimeRate\":0.6667,\"met\":2,\"metLate\":1,\"breached\":0,\"running\":0}");
        // report: O1 after 10 h, O2 after 60 h, O3 never → 1/3
        assertThat(r.at("/clocks/report").toString()).isEqualTo("{\"onTimeRate\":0.3333,\"met\":1,\"metLate\":1,\"breached\":1,\"running\":0}");
        assertThat(r.at("/handlingRate").asDouble()).isEqualTo(0.5);
        // 48, 72, 120 h: median 72, p90 = 72 + 0.8 × 48 = 110.4
        assertThat(r.at("/timeToClose").toString()).isEqualTo("{\"closed\":3,\"medianHours\":72.0,\"p90Hours\":110.4}");
        // first visits O1 (fixed) and O2 (not) → 1/2; parts 2 + 1; O2 late and unresolved: 1 failure of 3
        assertThat(r.at("/fieldService").toString()).isEqualTo("{\"orders\":3,\"completed\":3,\"cancelled\":0,\"inWarranty\":2,"
                + "\"paid\":1,\"firstVisitFixRate\":0.5,\"sparePartsShipped\":3,\"failed\":1,\"failureRate\":0.3333}");
        assertThat(r.at("/capa/opened").asLong()).isEqualTo(3);
        assertThat(r.at("/capa/closed").asLong()).isEqualTo(1);
        assertThat(r.at("/capa/overdue").asLong()).isEqualTo(1);
        assertThat(r.at("/capa/effectiveFirstCycle").asLong()).isEqualTo(1);
        assertThat(r.at("/capa/topRootCauses").toString()).isEqualTo("[{\"method\":\"FIVE_WHYS\",\"rootCause\":\"Seal supplier lot\",\"count\":2}]");
        // (80 + 65.5 + 92) / 3 = 79.1666…
        assertThat(r.at("/satisfaction/customersSurveyed").asLong()).isEqualTo(3);
        assertThat(r.at("/satisfaction/mean").decimalValue()).isEqualByComparingTo("79.17");
        assertThat(r.at("/satisfaction/satisfiedRate").asDouble()).isEqualTo(0.6667);
        assertThat(r.at("/satisfaction/distribution").toString()).isEqualTo("{\"90-100\":1,\"80-89\":1,\"70-79\":0,\"60-69\":1,\"0-59\":0}");
        assertThat(r.at("/satisfaction/below70/0/customerId").asText()).isEqualTo("CUST-B");
        assertThat(r.at("/satisfaction/below70").size()).isEqualTo(1);
        // spare parts (0.4 + 0.2 + 1.0) / 3, quality (1.0 + 0.6 + 0.9) / 3
        assertThat(r.at("/satisfaction/weakestItems/0/code").asText()).isEqualTo("SPARE_PARTS");
        assertThat(r.at("/satisfaction/weakestItems/0/share").asDouble()).isEqualTo(0.5333);
        assertThat(r.at("/satisfaction/weakestItems/1/share").asDouble()).isEqualTo(0.8333);
        // A's two of 10 and D's 5; C's was reversed
        assertThat(r.at("/satisfaction/deductions").toString()).isEqualTo("{\"count\":3,\"points\":25}");
        assertThat(r.at("/suggestions").toString()).isEqualTo("[{\"customerId\":\"CUST-B\",\"year\":2025,\"comments\":\"Faster spare parts <please> & thanks\"}]");
        assertThat(r.at("/improvements/0/capaId").asText()).isEqualTo("K4");
        assertThat(r.at("/improvements/1/capaId").asText()).isEqualTo("K1");
        assertThat(r.at("/improvements/1/documents").toString()).isEqualTo("[\"WI-12 rev B\"]");
        assertThat(r.at("/improvements/1/rootCause").asText()).isEqualTo("Seal supplier lot");
        assertThat(kpi(r, "satisfaction")).isEqualTo("0.6667 >= 0.9 false");
        assertThat(kpi(r, "serviceFailureRate")).isEqualTo("0.3333 <= 0.02 false");
        assertThat(kpi(r, "responseWithin24h")).isEqualTo("0.6667 >= 1.0 false");
        assertThat(kpi(r, "handlingRate")).isEqualTo("0.5 >= 1.0 false");
    }

    @Test
    @Order(2)
    void oneCustomersReportHasOnlyItsNumbers() {
        JsonNode r = get("/api/v1/reports/yearly/2025?customerId=CUST-A");
        assertThat(r.at("/customerId").asText()).isEqualTo("CUST-A");
        assertThat(r.at("/complaints/total").asLong()).isEqualTo(2);
        assertThat(r.at("/returns").toString()).isEqualTo("{\"count\":1,\"quantity\":3}");
        assertThat(r.at("/fieldService/orders").asLong()).isEqualTo(1);
        // K1 and K3 came from A's complaints; the internal ones belong to nobody
        assertThat(r.at("/capa/opened").asLong()).isEqualTo(2);
        assertThat(r.at("/improvements").size()).isEqualTo(1);
        assertThat(r.at("/satisfaction/mean").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(kpi(r, "handlingRate")).isEqualTo("1.0 >= 1.0 true");
        JsonNode next = get("/api/v1/reports/yearly/2026");
        assertThat(next.at("/complaints/total").asLong()).as("C6, received 1 January local time").isEqualTo(1);
    }

    @Test
    @Order(2)
    void theDailyCountersAndTheStoriesAreThereForAnalysts() {
        // C1 was received on 3 March and closed on 5 March (09:00 local both): one counter each
        Document received = readModels.getCollection(ComplaintStoryProjection.COUNTERS)
                .find(Filters.eq("_id", "2025-03-03|PRODUCT_QUALITY|PHONE|IN_PROVINCE|HIGH")).first();
        assertThat(received).isNotNull();
        assertThat(List.of(received.getLong("registered"), received.getLong("closed"), received.getLong("companyResponsible")))
                .containsExactly(1L, 0L, 1L);
        Document closed = readModels.getCollection(ComplaintStoryProjection.COUNTERS)
                .find(Filters.eq("_id", "2025-03-05|PRODUCT_QUALITY|PHONE|IN_PROVINCE|HIGH")).first();
        assertThat(List.of(closed.getLong("registered"), closed.getLong("closed"))).containsExactly(0L, 1L);
        Document story = readModels.getCollection(ComplaintStoryProjection.COLLECTION).find(Filters.eq("_id", "C1")).first();
        assertThat(story.getList("history", Document.class)).extracting(h -> h.getString("type")).startsWith(
                "ComplaintRegistered", "ComplaintAcknowledged", "FieldServiceRequested", "FieldServiceLinked");
        assertThat(story.getList("serviceOrderIds", String.class)).containsExactly("O1");
        assertThat(story.getDouble("hoursToClose")).isEqualTo(48.0);
    }

    @Test
    @Order(3)
    void theLiveDashboardCountsEveryClockWithFilters() {
        JsonNode d = get("/api/v1/dashboard/sla");
        assertThat(d.at("/live").asBoolean()).isTrue();
        assertThat(d.at("/complaints/registered").asLong()).isEqualTo(7);
        assertThat(d.at("/complaints/closed").asLong()).isEqualTo(3);
        assertThat(d.at("/complaints/open").asLong()).as("C4, C6, C7").isEqualTo(3);
        assertThat(d.at("/clocks/acknowledge").toString()).isEqualTo("{\"ON_TRACK\":0,\"AT_RISK\":0,\"BREACHED\":2,\"MET\":4,\"MET_LATE\":1}");
        assertThat(d.at("/clocks/reply").toString()).isEqualTo("{\"ON_TRACK\":0,\"AT_RISK\":0,\"BREACHED\":3,\"MET\":3,\"MET_LATE\":0}");
        assertThat(d.at("/clocks/onSite").toString()).isEqualTo("{\"ON_TRACK\":0,\"AT_RISK\":0,\"BREACHED\":0,\"MET\":2,\"MET_LATE\":1}");
        assertThat(d.at("/clocks/report").toString()).isEqualTo("{\"ON_TRACK\":0,\"AT_RISK\":0,\"BREACHED\":1,\"MET\":1,\"MET_LATE\":1}");
        assertThat(d.at("/breachesTotal").asLong()).isEqualTo(6);
        assertThat(d.at("/breaches").size()).isEqualTo(6);
        // the oldest breach first: C3's second report, due 2025-05-10T16:00Z
        assertThat(d.at("/breaches/0/clock").asText()).isEqualTo("report");
        assertThat(d.at("/breaches/0/link").asText()).isEqualTo("/api/v1/service-orders/O3");
        assertThat(d.at("/breaches/1/link").asText()).isEqualTo("/api/v1/complaints/C4");
        assertThat(kpi(d, "serviceFailureRate")).isEqualTo("0.3333 <= 0.02 false");
        // the satisfaction KPI is this calendar year's: nobody surveyed yet for it
        assertThat(d.at("/kpis/0/value").isNull()).isTrue();

        JsonNode quality = get("/api/v1/dashboard/sla?category=PRODUCT_QUALITY");
        assertThat(quality.at("/complaints/registered").asLong()).as("C1, C6, C7").isEqualTo(3);
        JsonNode out = get("/api/v1/dashboard/sla?region=OUT_OF_PROVINCE");
        assertThat(out.at("/complaints/registered").asLong()).as("C2, C4").isEqualTo(2);
        assertThat(out.at("/clocks/acknowledge").toString()).isEqualTo("{\"ON_TRACK\":0,\"AT_RISK\":0,\"BREACHED\":1,\"MET\":0,\"MET_LATE\":1}");
    }

    @Test
    @Order(4)
    void asOfAnInstantInTheStoryShowsWhatWasRecordedThen() {
        // 1 April 2025 12:00Z: C1 closed; C2 received at midnight, its 24 h half used
        JsonNode d = get("/api/v1/dashboard/sla?asOf=2025-04-01T12:00:00Z");
        assertThat(d.at("/live").asBoolean()).isFalse();
        assertThat(d.at("/complaints").toString()).isEqualTo("{\"registered\":2,\"open\":1,\"closed\":1,\"byStatus\":{\"CLOSED\":1,\"REGISTERED\":1}}");
        assertThat(d.at("/clocks/acknowledge").toString()).isEqualTo("{\"ON_TRACK\":1,\"AT_RISK\":0,\"BREACHED\":0,\"MET\":1,\"MET_LATE\":0}");
        assertThat(d.at("/clocks/report").toString()).isEqualTo("{\"ON_TRACK\":0,\"AT_RISK\":0,\"BREACHED\":0,\"MET\":1,\"MET_LATE\":0}");
        // 19:00Z is past 75 % of C2's 24 h: at risk, and due "today" in Shanghai (2 April, 00:00Z = 08:00 local)
        JsonNode later = get("/api/v1/dashboard/sla?asOf=2025-04-01T19:00:00Z");
        assertThat(later.at("/clocks/acknowledge/AT_RISK").asLong()).isEqualTo(1);
        assertThat(later.at("/dueToday/0/complaintId").asText()).isEqualTo("C2");
        assertThat(later.at("/dueToday/0/state").asText()).isEqualTo("AT_RISK");
        JsonNode before = get("/api/v1/dashboard/sla?asOf=2020-01-01T00:00:00Z");
        assertThat(before.at("/complaints/registered").asLong()).isZero();
    }

    @Test
    @Order(5)
    void anAnswerAsOfAnEarlierInstantEqualsTheLiveAnswerTakenThen() throws Exception {
        ObjectNode live = (ObjectNode) get("/api/v1/dashboard/sla");
        Instant then = Instant.parse(live.get("asOf").asText());
        Thread.sleep(20);
        // changes recorded after that instant: C4 finally acknowledged, and a new complaint
        events.publish(Topics.COMPLAINT, "Complaint", "C4", 1, new ComplaintAcknowledgedEvent("C4", "sorry"), "C4");
        new ReportingStory(events).complaint("C8", "CUST-E", Channel.WEB, ComplaintCategory.OTHER, Severity.LOW, Region.IN_PROVINCE, Instant.now());
        await("/api/v1/dashboard/sla", d -> d.at("/complaints/registered").asLong() == 8 && d.at("/clocks/acknowledge/MET_LATE").asLong() == 2);

        ObjectNode asOf = (ObjectNode) get("/api/v1/dashboard/sla?asOf=" + then);
        assertThat(asOf.remove("live").asBoolean()).isFalse();
        live.remove("live");
        assertThat(asOf).isEqualTo(live);
    }

    @Test
    @Order(6)
    void badRequestsAreProblemsNamingTheField() {
        HttpResponse<String> future = http.get("/api/v1/dashboard/sla?asOf=2999-01-01T00:00:00Z", ANALYST);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("\"field\":\"asOf\"");
        HttpResponse<String> garbage = http.get("/api/v1/dashboard/sla?asOf=yesterday", ANALYST);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("\"field\":\"asOf\"");
        HttpResponse<String> year = http.get("/api/v1/reports/yearly/1999", ANALYST);
        assertThat(year.statusCode()).isEqualTo(400);
        assertThat(year.body()).contains("\"field\":\"year\"");
        assertThat(http.get("/api/v1/reports/yearly/2025", TestTokens.token("ann", "AGENT")).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/dashboard/sla", null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void theHtmlAndThePdfCarryTheJsonNumbers() throws Exception {
        JsonNode json = get("/api/v1/reports/yearly/2025");
        HttpResponse<String> html = http.send(http.request("/api/v1/reports/yearly/2025", ANALYST).header("Accept", "text/html").GET().build());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.body()).contains("<svg").contains("Faster spare parts &lt;please&gt; &amp; thanks");
        HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(http.request("/api/v1/reports/yearly/2025", ANALYST)
                .header("Accept", "application/pdf").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
        String htmlText = html.body();
        List<String> expected = new java.util.ArrayList<>();
        for (String count : List.of("/complaints/total", "/complaints/companyResponsible", "/returns/quantity", "/fieldService/orders",
                "/fieldService/sparePartsShipped", "/capa/opened", "/satisfaction/customersSurveyed", "/satisfaction/deductions/points")) {
            expected.add(YearlyReportFormat.count(json.at(count).asLong()));
        }
        for (String rate : List.of("/clocks/acknowledge/onTimeRate", "/clocks/reply/onTimeRate", "/clocks/onSite/onTimeRate",
                "/clocks/report/onTimeRate", "/handlingRate", "/fieldService/firstVisitFixRate", "/satisfaction/satisfiedRate")) {
            expected.add(YearlyReportFormat.percent(json.at(rate).asDouble()));
        }
        for (String decimal : List.of("/timeToClose/medianHours", "/timeToClose/p90Hours", "/satisfaction/mean")) {
            expected.add(YearlyReportFormat.decimal(json.at(decimal).decimalValue()));
        }
        for (JsonNode kpi : json.get("kpis")) {
            expected.add(YearlyReportFormat.percent(kpi.get("value").asDouble()));
        }
        // 66.7 %, 60.0 %, 33.3 %, 50.0 %, 72.00, 110.40, 79.17 … as the JSON says, in both documents
        assertThat(expected).contains("66.7 %", "60.0 %", "33.3 %", "110.40", "79.17");
        String flat = text.replaceAll("\\s+", " ");
        for (String number : expected) {
            assertThat(flat).as("PDF text has " + number).contains(number);
            assertThat(htmlText).as("HTML has " + number).contains(number);
        }
        assertThat(flat).contains("Seal supplier lot").contains("CUST-B");
    }

    @Test
    @Order(7)
    void aRedeliveredEventChangesNothingEvenWhenTheConsumersForgotTheirPositions() throws Exception {
        JsonNode report = get("/api/v1/reports/yearly/2025");
        long versions = jdbc.queryForObject("SELECT count(*) FROM dashboard_fact WHERE aggregate_id = 'C2'", Long.class);
        MongoCollection<Document> applied = readModels.getCollection("applied_sequences");
        applied.deleteMany(Filters.eq("aggregateId", "C2"));

        // C2's registration, sequence 0, exactly as first published: applied again it would reopen every clock of a
        // closed complaint; only the projections' own guards stand in the way (both keep their positions with their
        // read models: the story in each complaint's version, the timeline in dashboard_applied)
        new ReportingStory(events).complaint("C2", "CUST-A", Channel.EMAIL, ComplaintCategory.DELIVERY, Severity.MEDIUM,
                Region.OUT_OF_PROVINCE, at("2025-04-01T00:00:00Z"));
        List<String> consumers = List.of(ComplaintStoryProjection.NAME, DashboardTimelineProjection.NAME);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!caughtUp(consumers) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(caughtUp(consumers)).as("both consumers saw it again").isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dashboard_fact WHERE aggregate_id = 'C2'", Long.class)).isEqualTo(versions);
        JsonNode again = get("/api/v1/reports/yearly/2025");
        ((ObjectNode) again).remove("generatedAt");
        ((ObjectNode) report).remove("generatedAt");
        assertThat(again).isEqualTo(report);
    }

    private boolean caughtUp(List<String> consumers) throws Exception {
        for (String consumer : consumers) {
            if (listenerLag.of(listeners.getListenerContainer(consumer)).lag() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The dashboard's timeline rebuilt from the topics through the admin API while events keep arriving: the story's
     * fact versions are the live rows exactly, the events that arrived meanwhile are in it once, the dashboard answered
     * throughout, as-of answers are unchanged, and the tables keep their index names (the schema script relies on them).
     */
    @Test
    @Order(8)
    void theDashboardTimelineRebuiltWhileEventsArriveEqualsTheLiveOne() throws Exception {
        String admin = TestTokens.token("ada", "ADMIN");
        String projection = "/api/v1/admin/projections/" + DashboardTimelineProjection.NAME;
        String facts = "SELECT * FROM dashboard_fact WHERE aggregate_id NOT LIKE 'R%' ORDER BY fact_key, valid_from, sequence";
        String applied = "SELECT * FROM dashboard_applied WHERE aggregate_id NOT LIKE 'R%' ORDER BY aggregate_id";
        String indexes = "SELECT tablename || ' ' || indexname FROM pg_indexes WHERE tablename LIKE 'dashboard%' ORDER BY 1";
        List<Map<String, Object>> liveFacts = jdbc.queryForList(facts);
        List<Map<String, Object>> liveApplied = jdbc.queryForList(applied);
        List<String> liveIndexes = jdbc.queryForList(indexes, String.class);
        JsonNode asOf = get("/api/v1/dashboard/sla?asOf=2025-06-01T00:00:00Z");
        long registered = get("/api/v1/dashboard/sla").at("/complaints/registered").asLong();
        assertThat(liveFacts).hasSizeGreaterThan(20);

        HttpResponse<String> started = http.postJson(projection + "/rebuild", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = JSON.readTree(started.body()).get("jobId").asText();
        ReportingStory story = new ReportingStory(events);
        JsonNode described;
        int arrived = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            if (arrived < 5) { // complaints keep arriving while the shadow is built, caught up and swapped in
                arrived++;
                story.complaint("R" + arrived, "CUST-R", Channel.WEB, ComplaintCategory.SERVICE, Severity.LOW, Region.IN_PROVINCE,
                        at("2025-08-0" + arrived + "T00:00:00Z"));
                story.acknowledged("R" + arrived, 2);
            }
            assertThat(http.get("/api/v1/dashboard/sla", ANALYST).statusCode()).isEqualTo(200);
            described = JSON.readTree(http.get(projection, admin).body());
            Thread.sleep(50);
        } while (!described.at("/rebuild/phase").asText().matches("DONE|FAILED") && System.nanoTime() < deadline);
        assertThat(described.at("/rebuild/jobId").asText()).isEqualTo(jobId);
        assertThat(described.at("/rebuild/phase").asText()).as(described.toString()).isEqualTo("DONE");
        assertThat(described.get("tables").toString()).contains("dashboard_fact", "dashboard_applied");
        while (arrived < 5) {
            arrived++;
            story.complaint("R" + arrived, "CUST-R", Channel.WEB, ComplaintCategory.SERVICE, Severity.LOW, Region.IN_PROVINCE,
                    at("2025-08-0" + arrived + "T00:00:00Z"));
            story.acknowledged("R" + arrived, 2);
        }
        await("/api/v1/dashboard/sla", d -> d.at("/complaints/registered").asLong() == registered + 5);

        assertThat(jdbc.queryForList(facts)).isEqualTo(liveFacts);
        assertThat(jdbc.queryForList(applied)).isEqualTo(liveApplied);
        assertThat(jdbc.queryForList(indexes, String.class)).isEqualTo(liveIndexes);
        // each arrival applied once: registered and acknowledged, one current version per fact
        assertThat(jdbc.queryForList("SELECT aggregate_id, sequence FROM dashboard_applied WHERE aggregate_id LIKE 'R%' ORDER BY 1"))
                .extracting(row -> row.get("aggregate_id") + "@" + row.get("sequence")).containsExactly("R1@1", "R2@1", "R3@1", "R4@1", "R5@1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT fact_key FROM dashboard_fact WHERE valid_to IS NULL "
                + "GROUP BY fact_key HAVING count(*) > 1) doubled", Long.class)).isZero();
        assertThat(get("/api/v1/dashboard/sla?asOf=2025-06-01T00:00:00Z")).isEqualTo(asOf);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'rebuild\\_%'", Long.class)).isZero();
    }

    /**
     * The yearly report reads the year's summaries, never the year's complaints or orders: whatever their number, two
     * documents by {@code _id}. The story documents stay the analysts' (a copy of 2,500 stories in a year of their own
     * is not counted, as no event put them there); a customer's report reads complaints only by id, to tell which of
     * the year's CAPAs its complaints caused.
     */
    @Test
    @Order(9)
    void theYearlyReportReadsSummariesNotComplaints() {
        Document story = readModels.getCollection(ComplaintStoryProjection.COLLECTION).find(Filters.eq("_id", "C1")).first();
        List<Document> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            Document copy = Document.parse(story.toJson());
            copy.put("_id", "MANY-" + i);
            copy.put("receivedYear", 2019);
            copies.add(copy);
        }
        readModels.getCollection(ComplaintStoryProjection.COLLECTION).insertMany(copies);
        try {
            queries.started.clear();
            assertThat(get("/api/v1/reports/yearly/2019").at("/complaints/total").asLong()).isZero();
            int year = story.getInteger("receivedYear");
            JsonNode all = get("/api/v1/reports/yearly/" + year);
            JsonNode one = get("/api/v1/reports/yearly/" + year + "?customerId=" + story.getString("customerId"));
            assertThat(all.at("/complaints/total").asLong()).isPositive();
            assertThat(one.at("/complaints/total").asLong()).isPositive().isLessThanOrEqualTo(all.at("/complaints/total").asLong());

            List<BsonDocument> finds = queries.started.stream().filter(command -> command.containsKey("find")).toList();
            assertThat(finds).filteredOn(find -> find.getString("find").getValue().equals(YearlySummaries.COMPLAINTS)).hasSize(3)
                    .allSatisfy(find -> assertThat(find.getDocument("filter").getString("_id").getValue()).contains("|"));
            assertThat(finds).filteredOn(find -> find.getString("find").getValue().equals(YearlySummaries.SERVICE_ORDERS)).hasSize(3);
            assertThat(finds).noneMatch(find -> find.getString("find").getValue().equals(ServiceOrderFactsProjection.COLLECTION));
            assertThat(finds).filteredOn(find -> find.getString("find").getValue().equals(ComplaintStoryProjection.COLLECTION))
                    .allSatisfy(find -> assertThat(find.getDocument("filter").toJson()).as("complaints read by id only").contains("\"$in\""));
        } finally {
            readModels.getCollection(ComplaintStoryProjection.COLLECTION).deleteMany(Filters.eq("receivedYear", 2019));
        }
    }

    private static String kpi(JsonNode report, String name) {
        for (JsonNode kpi : report.get("kpis")) {
            if (kpi.get("name").asText().equals(name)) {
                return kpi.get("value").asText() + " " + kpi.get("comparator").asText() + " " + kpi.get("target").asText() + " " + kpi.get("met").asText();
            }
        }
        throw new AssertionError("no KPI " + name + " in " + report.get("kpis"));
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = http.get(path, ANALYST);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void await(String path, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (done.test(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached within 30 s: " + last);
    }
}
