package com.servicedesk.reporting.query;

import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.ReplyMethod;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.reporting.ReportingServiceApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the dashboard's live and as-of answers scale with history (issue 7: "stays fast as history grows"). Fills the
 * timeline with {@code bench.complaints} complaints (default 20 000) spread over {@code bench.days} days (default 365),
 * each registered, acknowledged, replied and most closed, then times the live answer and as-of answers at instants
 * spread over the history. Not part of the test suite; run it with
 * {@code ./mvnw -B -pl reporting-service -am verify -Dtest=DashboardAsOfBenchmark -Dsurefire.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the table it prints.
 */
@Tag("benchmark")
@SpringBootTest(classes = ReportingServiceApplication.class, properties = "spring.kafka.listener.auto-startup=false")
class DashboardAsOfBenchmark {
    private static final int COMPLAINTS = Integer.getInteger("bench.complaints", 20_000);
    private static final int DAYS = Integer.getInteger("bench.days", 365);
    private static final int REPEATS = 5;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "reporting-bench");
    }

    @Autowired
    DashboardTimelineProjection timeline;
    @Autowired
    SlaDashboardQuery dashboard;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void liveAndAsOfAnswersAsHistoryGrows() {
        Random random = new Random(42);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        long fillStarted = System.nanoTime();
        for (int i = 0; i < COMPLAINTS; i++) {
            String id = UUID.randomUUID().toString();
            Instant received = start.plus(Duration.ofMinutes((long) random.nextInt(DAYS * 24 * 60)));
            Instant ackDue = received.plus(Duration.ofHours(24));
            Instant replyDue = received.plus(Duration.ofHours(48));
            List<Object> events = new ArrayList<>(List.of(
                    new ComplaintRegisteredEvent(id, "CUST-" + random.nextInt(500), "Customer", new Contact("n", null, "e@x.cn"),
                            Channel.values()[random.nextInt(6)], "P", "S", null, ComplaintCategory.values()[random.nextInt(5)],
                            Severity.values()[random.nextInt(4)], Region.values()[random.nextInt(2)], "d", received, null, ackDue, replyDue),
                    new ComplaintAcknowledgedEvent(id, "ok"),
                    new ComplaintVerifiedEvent(id, "c", received, true, ComplaintCategory.values()[random.nextInt(5)], "f"),
                    new ComplaintRepliedEvent(id, ReplyMethod.PHONE, "m")));
            if (random.nextInt(10) < 8) {
                events.add(new ComplaintClosedEvent(id, "done"));
            }
            Instant at = received;
            for (int sequence = 0; sequence < events.size(); sequence++) {
                timeline.handle(List.of(new PublishedEvent(UUID.randomUUID().toString(), "x", id, sequence, at, "bench", id, null,
                        events.get(sequence))));
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(40 * 60)));
            }
        }
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        long versions = jdbc.queryForObject("SELECT count(*) FROM dashboard_fact", Long.class);

        System.out.printf("%n%d complaints, %d fact versions, filled in %.1f s (%.2f ms per event)%n", COMPLAINTS, versions,
                fillSeconds, fillSeconds * 1000 / (versions == 0 ? 1 : jdbc.queryForObject("SELECT sum(sequence + 1) FROM dashboard_applied", Long.class)));
        System.out.printf("%-28s %10s %10s%n", "answer", "median ms", "max ms");
        time("live", null);
        for (int month : new int[]{1, 3, 6, 9, 12}) {
            time("as of month " + month, start.plus(Duration.ofDays(month * 30L - 15)));
        }
        assertThat(dashboard.dashboard(Instant.now(), true, null, null).complaints().registered()).isEqualTo(COMPLAINTS);
    }

    private void time(String label, Instant asOf) {
        long[] millis = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long started = System.nanoTime();
            dashboard.dashboard(asOf == null ? Instant.now() : asOf, asOf == null, null, null);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("%-28s %10d %10d%n", label, millis[REPEATS / 2], millis[REPEATS - 1]);
    }
}
