package com.servicedesk.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.servicedesk.local.RunningStack.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's scaling out: a second intake-service on the same PostgreSQL database, Kafka broker and Mongo store, on a
 * port of its own. The two share the work: Kafka splits each of intake's consumer groups' three partitions between them,
 * and commands sent straight to either (a complaint registered on one is acknowledged on the other) all land, each event
 * once in every read model. Then the instance that holds the relay's segment is killed with SIGKILL: the other takes over
 * its partitions and the relay, and commands sent to it keep landing.
 * <p>
 * Late in the order (it kills an instance); it leaves the stack as it found it.
 */
@Order(Order.DEFAULT + 80)
class ScaleOutEndToEndTest {
    static final String FIRST = "intake-service";
    static final String SECOND = "intake-service-2";
    /** Complaints registered already overdue, for both instances' deadline watches to find. */
    static final int OVERDUE = 4;
    /** intake's Kafka listeners: each a consumer group of its own over a three-partition topic. */
    static final List<String> GROUPS = List.of("intake-complaint-projection", "intake-complaint-capa-links", "intake-service-order-handler");
    static final Pattern APPLIED = Pattern.compile("servicedesk_consumer_applied_total\\{[^}]*consumer=\"([^\"]+)\"[^}]*} ([0-9.E]+)");
    static final Pattern PUBLISHED = Pattern.compile("servicedesk_relay_published_total\\{[^}]*} ([0-9.E]+)");

    @Test
    void twoIntakeInstancesShareTheWorkAndOneTakesOverWhenTheOtherDies() throws Exception {
        LocalStack stack = stack();
        long testStart = System.nanoTime();
        String tag = "SO" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String agent = token("scale-agent", "AGENT");
        int secondPort = freePortRange(1);
        String first = "http://127.0.0.1:" + stack.port(FIRST);
        String second = "http://127.0.0.1:" + secondPort;
        Map<String, Long> appliedBefore = new LinkedHashMap<>();
        appliedBefore.putAll(prefixed(FIRST, applied(first, agent)));

        boolean secondRunning = false;
        boolean firstKilled = false;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            long starting = System.nanoTime();
            // its consumers named after it, so the groups' members say which instance they are
            stack.startInstance(FIRST, SECOND, secondPort, "--spring.kafka.consumer.client-id=" + SECOND);
            secondRunning = true;
            System.out.printf("%s UP on port %d after %.1f s%n", SECOND, secondPort, (System.nanoTime() - starting) / 1e9);

            // both hold partitions of every group
            Map<String, Map<String, Integer>> shared = awaitAssignment(admin, 2, Duration.ofSeconds(60));
            System.out.println("partitions per instance and group, two instances: " + shared);
            for (String group : GROUPS) {
                assertThat(shared.get(group)).as(group).containsOnlyKeys(FIRST, SECOND);
                assertThat(shared.get(group).values()).as(group).allMatch(n -> n >= 1);
                assertThat(shared.get(group).values().stream().mapToInt(Integer::intValue).sum()).as(group).isEqualTo(3);
            }
            String relayOwner = relayOwner(stack);
            System.out.println("the relay's single segment is held by " + relayOwner);

            // complaints received 25 h ago, never acknowledged: both instances' deadline watches find the acknowledge
            // clock overdue on every sweep, and the complaint must still record its breach once
            List<String> overdue = new ArrayList<>();
            for (int i = 0; i < OVERDUE; i++) {
                overdue.add(registerOverdue(i % 2 == 0 ? first : second, agent, tag + "-overdue-" + i));
            }

            // commands to both instances: registered on one, acknowledged and sent to field service on the other
            CommandLoad.Route alternate = (story, step) -> (story + step) % 2 == 0 ? first : second;
            CommandLoad load = new CommandLoad(tag, 2, 15, alternate, stack.gatewayUrl(), false, agent, agent);
            load.start("two instances");
            Thread.sleep(20_000);
            load.stop();
            CommandLoad.Acknowledged acknowledged = load.acknowledged();
            acknowledged.complaints.addAll(overdue);
            System.out.println("two instances:\n" + load.summary() + "\n2xx per instance: " + acknowledged.byTarget);
            assertThat(acknowledged.byTarget.keySet()).containsExactlyInAnyOrder(first, second);
            try (ExactlyOnceCheck check = new ExactlyOnceCheck(stack, tag, acknowledged)) {
                double breached = awaitBreaches(check, overdue, Duration.ofSeconds(60));
                Thread.sleep(6_000); // at least one more sweep of each watch after the breaches
                double settle = check.awaitAgreement(Duration.ofSeconds(120), Duration.ofSeconds(10));
                System.out.printf("two instances: settled %.1f s after the load; exactly once everywhere: %s%n", settle, check.counts());
                Map<String, ExactlyOnceCheck.Stream> stored = check.store("intake", "Complaint");
                for (String id : overdue) {
                    assertThat(stored.get(id).count("SlaBreachedEvent")).as("breaches of overdue complaint " + id).isEqualTo(1);
                }
                System.out.printf("%d overdue complaints, each breached exactly once with two deadline watches sweeping "
                        + "(all breached %.1f s after the load)%n", overdue.size(), breached);
            }
            Map<String, Long> appliedFirst = delta(prefixed(FIRST, applied(first, agent)), appliedBefore);
            Map<String, Long> appliedSecond = prefixed(SECOND, applied(second, agent));
            System.out.println("events applied by each instance's consumers (and published by its relay) during the run: "
                    + appliedFirst + " " + appliedSecond);
            assertThat(appliedSecond.getOrDefault(SECOND + " intake-complaint-projection", 0L)).as("the second instance projected complaints")
                    .isPositive();
            assertThat(appliedFirst.getOrDefault(FIRST + " intake-complaint-projection", 0L)).as("the first instance projected complaints")
                    .isPositive();
            long publishedFirst = appliedFirst.getOrDefault(FIRST + " relay published", 0L);
            long publishedSecond = appliedSecond.getOrDefault(SECOND + " relay published", 0L);
            assertThat(relayOwner.equals(FIRST) ? publishedFirst : publishedSecond).as("the segment's owner publishes").isPositive();
            assertThat(relayOwner.equals(FIRST) ? publishedSecond : publishedFirst).as("the other instance publishes nothing").isZero();

            // kill -9 the instance that publishes (holds the relay's segment); the other one must take over everything
            String victim = relayOwner.equals(SECOND) ? SECOND : FIRST;
            String survivor = victim.equals(FIRST) ? SECOND : FIRST;
            String survivorUrl = survivor.equals(FIRST) ? first : second;
            CommandLoad after = new CommandLoad(tag, 2, 15, (story, step) -> survivorUrl, stack.gatewayUrl(), false, agent, agent);
            after.start("one instance (" + victim + " killed)");
            Thread.sleep(3_000);
            long killed = System.nanoTime();
            stack.kill(victim);
            firstKilled = victim.equals(FIRST);
            secondRunning = !victim.equals(SECOND);
            System.out.println("killed " + victim + " (SIGKILL); commands go to " + survivor);
            // watched together: the groups notice the missing heartbeats, Axon the unrenewed segment claim
            Map<String, Map<String, Integer>> takenOver = assignment(admin);
            double partitionsBack = -1;
            double relayBack = -1;
            while ((partitionsBack < 0 || relayBack < 0) && System.nanoTime() - killed < Duration.ofSeconds(90).toNanos()) {
                if (partitionsBack < 0) {
                    takenOver = assignment(admin);
                    if (assignedTo(takenOver, 1)) {
                        partitionsBack = (System.nanoTime() - killed) / 1e9;
                    }
                }
                if (relayBack < 0 && relayOwner(stack).equals(survivor)) {
                    relayBack = (System.nanoTime() - killed) / 1e9;
                }
                Thread.sleep(250);
            }
            System.out.printf("after the kill: every partition with %s after %.1f s %s; the relay's segment after %.1f s%n",
                    survivor, partitionsBack, takenOver, relayBack);
            for (String group : GROUPS) {
                assertThat(takenOver.get(group)).as(group).containsOnlyKeys(survivor).containsEntry(survivor, 3);
            }
            assertThat(relayOwner(stack)).as("the relay's segment owner").isEqualTo(survivor);
            Thread.sleep(5_000);
            after.stop();
            CommandLoad.Acknowledged survived = after.acknowledged();
            System.out.println("after the kill:\n" + after.summary());
            assertThat(survived.complaints).as("complaints registered on the survivor").isNotEmpty();
            // both runs' 2xx answers, checked together (same tag)
            survived.complaints.addAll(acknowledged.complaints);
            survived.acknowledgements.addAll(acknowledged.acknowledgements);
            survived.fieldServiceRequests.addAll(acknowledged.fieldServiceRequests);
            try (ExactlyOnceCheck check = new ExactlyOnceCheck(stack, tag, survived)) {
                double settle = check.awaitAgreement(Duration.ofSeconds(120), Duration.ofSeconds(10));
                System.out.printf("after the kill: settled %.1f s after the load; exactly once everywhere: %s; whole test %.0f s%n",
                        settle, check.counts(), (System.nanoTime() - testStart) / 1e9);
            }
        } finally {
            if (secondRunning || stack.process(SECOND).isPresent()) {
                stack.stopInstance(SECOND);
            }
            if (firstKilled) {
                stack.restart(FIRST);
            }
        }
        // the stack is as it was: one intake behind the gateway, serving
        HttpResponse<String> created = post("/api/v1/complaints", agent, LocalStackEndToEndTest.COMPLAINT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** A complaint received 25 h ago (its acknowledge clock ran out an hour ago), registered at {@code base}. */
    static String registerOverdue(String base, String agent, String customerId) throws Exception {
        String body = LocalStackEndToEndTest.COMPLAINT.replace("\"customerId\":\"CUST-7\"", "\"customerId\":\"" + customerId + "\"")
                .replaceFirst("}$", ",\"receivedAt\":\"" + Instant.now().minus(Duration.ofHours(25)) + "\"}");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/complaints"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + agent)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "complaintId");
    }

    /** Waits until every overdue complaint has its SlaBreached in the event store; answers the seconds waited. */
    static double awaitBreaches(ExactlyOnceCheck check, List<String> overdue, Duration within) throws Exception {
        long start = System.nanoTime();
        Map<String, ExactlyOnceCheck.Stream> stored = check.store("intake", "Complaint");
        while (!overdue.stream().allMatch(id -> stored.containsKey(id) && stored.get(id).count("SlaBreachedEvent") >= 1)
                && System.nanoTime() - start < within.toNanos()) {
            Thread.sleep(500);
            stored.clear();
            stored.putAll(check.store("intake", "Complaint"));
        }
        assertThat(overdue).as("overdue complaints with their breach recorded")
                .allMatch(id -> stored.containsKey(id) && stored.get(id).count("SlaBreachedEvent") >= 1);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Waits until each of intake's groups has {@code instances} members, all holding partitions, and no partition is
     * unassigned; answers partitions per instance per group.
     */
    static Map<String, Map<String, Integer>> awaitAssignment(Admin admin, int instances, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Map<String, Integer>> assignment;
        do {
            assignment = assignment(admin);
            if (assignedTo(assignment, instances)) {
                return assignment;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return assignment;
    }

    /** Every group has this many instances, each holding partitions, and all three partitions are held. */
    static boolean assignedTo(Map<String, Map<String, Integer>> assignment, int instances) {
        return assignment.size() == GROUPS.size() && assignment.values().stream().allMatch(byInstance -> byInstance.size() == instances
                && byInstance.values().stream().allMatch(n -> n >= 1)
                && byInstance.values().stream().mapToInt(Integer::intValue).sum() == 3);
    }

    /** Group → instance → partitions held; members of the second instance carry its name in their client id. */
    static Map<String, Map<String, Integer>> assignment(Admin admin) throws Exception {
        Map<String, Map<String, Integer>> result = new TreeMap<>();
        Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(GROUPS).all().get(10, TimeUnit.SECONDS);
        for (ConsumerGroupDescription group : groups.values()) {
            Map<String, Integer> byInstance = new TreeMap<>();
            for (MemberDescription member : group.members()) {
                String instance = member.clientId().startsWith(SECOND) ? SECOND : FIRST;
                byInstance.merge(instance, member.assignment().topicPartitions().size(), Integer::sum);
            }
            result.put(group.groupId(), byInstance);
        }
        return result;
    }

    /** Which instance holds the relay processor's segment in intake's token_entry (Axon's owner is "pid@host"). */
    static String relayOwner(LocalStack stack) throws Exception {
        try (Connection intake = ExactlyOnceCheck.connect(stack, "intake"); Statement statement = intake.createStatement();
             ResultSet rs = statement.executeQuery("SELECT owner FROM tokenentry WHERE processorname = 'kafka-relay'")) {
            List<String> owners = new ArrayList<>();
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
            for (String name : List.of(FIRST, SECOND)) {
                var process = stack.process(name);
                if (process.isPresent() && process.get().isAlive()
                        && owners.stream().anyMatch(o -> o != null && o.startsWith(process.get().process().pid() + "@"))) {
                    return name;
                }
            }
            return "nobody " + owners;
        }
    }

    /** servicedesk.consumer.applied per consumer and servicedesk.relay.published, from the instance's Prometheus endpoint. */
    static Map<String, Long> applied(String base, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Long> applied = new TreeMap<>();
        Matcher matcher = APPLIED.matcher(response.body());
        while (matcher.find()) {
            applied.merge(matcher.group(1), (long) Double.parseDouble(matcher.group(2)), Long::sum);
        }
        Matcher published = PUBLISHED.matcher(response.body());
        while (published.find()) {
            applied.merge("relay published", (long) Double.parseDouble(published.group(1)), Long::sum);
        }
        return applied;
    }

    static Map<String, Long> prefixed(String instance, Map<String, Long> applied) {
        Map<String, Long> result = new TreeMap<>();
        applied.forEach((consumer, n) -> result.put(instance + " " + consumer, n));
        return result;
    }

    static Map<String, Long> delta(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> result = new TreeMap<>();
        now.forEach((key, n) -> result.put(key, n - before.getOrDefault(key, 0L)));
        return result;
    }
}
