package com.servicedesk.local;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run on the build machines (no Docker engine); this reads it, with the Prometheus and
 * Grafana files it mounts, and checks that the distributed deployment has every part and every service its connection
 * settings, that Prometheus scrapes every service and that the dashboard only asks for metrics the code registers, so
 * none of it can silently rot.
 */
class DockerComposeFileTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("intake-service", "fieldservice-service", "quality-service",
            "satisfaction-service", "reporting-service");
    static final List<String> BROKERS = List.of("kafka1", "kafka2", "kafka3");
    static final List<String> MONGOS = List.of("mongo1", "mongo2", "mongo3");
    static final String BOOTSTRAP_SERVERS = "kafka1:9092,kafka2:9092,kafka3:9092";
    static final String DASHBOARD = "docker/grafana/dashboards/servicedesk.json";
    /** Metrics Prometheus and Spring Boot register themselves (Spring's own names are not in our sources). */
    static final Set<String> FRAMEWORK_METRICS = Set.of("up", "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum", "http_server_requests_seconds_max");
    static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "le", "inf", "nan");

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build())
                .loadFromString(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws Exception {
        return (Map<String, Object>) yaml("docker-compose.yml").get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> services, String name) {
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        assertThat(service).as(name).isNotNull();
        return (Map<String, Object>) service.get("environment");
    }

    /** "host path:container path[:ro]" of a service's volumes, as host path → container path. */
    @SuppressWarnings("unchecked")
    static Map<String, String> mounts(Map<String, Object> services, String name) {
        return ((List<String>) ((Map<String, Object>) services.get(name)).get("volumes")).stream()
                .map(volume -> volume.split(":"))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
    }

    @Test
    void hasThreeKafkaBrokersInKraftModeWithAQuorumOfThreeAndReplicationFactorThree() throws Exception {
        Map<String, Object> services = services();
        Set<String> voters = new HashSet<>();
        Set<String> clusterIds = new HashSet<>();
        Set<String> nodeIds = new HashSet<>();
        for (String broker : BROKERS) {
            Map<String, Object> environment = environment(services, broker);
            assertThat(environment).as(broker)
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + broker + ":9092")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            assertThat(environment.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).as(broker).hasToString("3");
            assertThat(environment.get("KAFKA_MIN_INSYNC_REPLICAS")).as(broker).hasToString("2");
            assertThat(environment.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).as(broker).hasToString("3");
            assertThat(environment.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).as(broker).hasToString("3");
            assertThat(environment.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).as(broker).hasToString("2");
            nodeIds.add(String.valueOf(environment.get("KAFKA_NODE_ID")));
            voters.add(String.valueOf(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS")));
            clusterIds.add(String.valueOf(environment.get("CLUSTER_ID")));
            assertThat(mounts(services, broker)).as(broker + " keeps its log").containsValue(environment.get("KAFKA_LOG_DIRS").toString());
        }
        assertThat(clusterIds).as("one cluster").hasSize(1).doesNotContain("null");
        assertThat(voters).as("the same quorum on every node").hasSize(1);
        assertThat(voters.iterator().next().split(",")).as("a quorum of three: every node a voter")
                .containsExactlyInAnyOrder(BROKERS.stream().map(b -> nodeIdOf(services, b) + "@" + b + ":9093").toArray(String[]::new));
        assertThat(nodeIds).hasSize(3);
    }

    /** Auto-creation is off: the services create the topics, with the replication factor they are given here. */
    @Test
    void servicesCreateTheTopicsWithReplicationFactorThree() throws Exception {
        Map<String, Object> services = services();
        String kafkaConfiguration = Files.readString(ROOT.resolve(
                "platform/src/main/java/com/servicedesk/platform/relay/PlatformKafkaAutoConfiguration.java"));
        assertThat(kafkaConfiguration).contains("KafkaAdmin.NewTopics", "${servicedesk.kafka.replication-factor:");
        for (String name : SERVICES) {
            assertThat(environment(services, name).get("SERVICEDESK_KAFKA_REPLICATION_FACTOR")).as(name).hasToString("3");
        }
    }

    @Test
    void hasPostgresAndAMongoReplicaSetOfThree() throws Exception {
        Map<String, Object> services = services();
        assertThat(services).containsKeys("postgres", "mongo-init", "gateway");
        String init = Files.readString(ROOT.resolve("docker/mongo/init-replica-set.js"));
        assertThat(init).contains("rs.initiate", "_id: \"rs0\"");
        for (String mongo : MONGOS) {
            assertThat(services.get(mongo).toString()).as(mongo).contains("--replSet, rs0");
            assertThat(init).contains("host: \"" + mongo + ":27017\"");
            assertThat(services.get("mongo-init").toString()).contains(mongo + "={condition=service_healthy}");
        }
        assertThat(Pattern.compile("host: \"").matcher(init).results().count()).as("members").isEqualTo(3);
        String databases = Files.readString(ROOT.resolve("docker/postgres/init.sql"));
        for (String database : List.of("intake", "fieldservice", "quality", "satisfaction", "reporting")) {
            assertThat(databases).contains("CREATE DATABASE " + database + ";");
        }
    }

    @Test
    void everyServiceHasItsJarAndConnectionSettings() throws Exception {
        Map<String, Object> services = services();
        for (String name : SERVICES) {
            Map<String, Object> environment = environment(services, name);
            String database = name.replace("-service", "");
            assertThat(environment).as(name)
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + database)
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP_SERVERS)
                    .containsEntry("SPRING_MONGODB_URI", "mongodb://mongo1:27017,mongo2:27017,mongo3:27017/?replicaSet=rs0")
                    .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SERVICEDESK_SECURITY_JWT_SECRET");
            assertThat(services.get(name).toString()).contains("./" + name + "/target/" + name + ".jar")
                    .as("waits for all three brokers").contains(BROKERS.stream().map(b -> b + "={condition=service_healthy}").toArray(String[]::new));
            assertThat(Files.exists(ROOT.resolve(name).resolve("pom.xml"))).as(name + " module").isTrue();
        }
    }

    @Test
    void gatewayKnowsWhereEveryServiceIs() throws Exception {
        Map<String, Object> environment = environment(services(), "gateway");
        for (String name : SERVICES) {
            String key = "SERVICEDESK_SERVICES_" + name.replace("-service", "").toUpperCase();
            assertThat(environment.get(key)).as(key).hasToString("http://" + name + ":" + port(name));
        }
        assertThat(environment).containsKey("SERVICEDESK_SECURITY_JWT_SECRET");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceAndTheGateway() throws Exception {
        assertThat(mounts(services(), "prometheus")).containsEntry("./docker/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
        Set<String> scraped = new TreeSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) yaml("docker/prometheus/prometheus.yml").get("scrape_configs")) {
            assertThat(job).as(job.get("job_name").toString()).containsEntry("metrics_path", "/actuator/prometheus");
            for (Map<String, Object> targets : (List<Map<String, Object>>) job.get("static_configs")) {
                scraped.addAll((List<String>) targets.get("targets"));
            }
        }
        Set<String> expected = new TreeSet<>();
        SERVICES.forEach(name -> expected.add(name + ":" + port(name)));
        expected.add("gateway:8080");
        assertThat(scraped).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedWithThePrometheusSourceAndTheDashboard() throws Exception {
        Map<String, String> mounts = mounts(services(), "grafana");
        assertThat(mounts).containsEntry("./docker/grafana/provisioning", "/etc/grafana/provisioning");
        String dashboards = mounts.get("./docker/grafana/dashboards");
        assertThat(dashboards).as("dashboards mounted").isNotNull();

        Map<String, Object> source = ((List<Map<String, Object>>) yaml("docker/grafana/provisioning/datasources/prometheus.yml")
                .get("datasources")).get(0);
        assertThat(source).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
        Map<String, Object> provider = ((List<Map<String, Object>>) yaml("docker/grafana/provisioning/dashboards/servicedesk.yml")
                .get("providers")).get(0);
        assertThat(provider).containsEntry("type", "file");
        assertThat(((Map<String, Object>) provider.get("options")).get("path")).as("provider reads the mounted dashboards").isEqualTo(dashboards);

        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(ROOT.resolve(DASHBOARD)));
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        int panels = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            panels++;
            assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString()).isFalse();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString()).as(panel.path("title").asString()).isNotBlank();
                assertThat(target.path("datasource").path("uid").asString()).isEqualTo(source.get("uid"));
            }
        }
        assertThat(panels).isGreaterThanOrEqualTo(10);
    }

    /** Every metric an expression of the dashboard reads is one the code registers, in its Prometheus name. */
    @Test
    void theDashboardReadsOnlyMetricsTheCodeRegisters() throws Exception {
        Set<String> registered = registeredMetrics();
        Set<String> used = dashboardMetrics();
        assertThat(registered).as("found in the sources").contains("servicedesk_relay_lag_events", "servicedesk_sla_open");
        assertThat(used).as("the dashboard shows SLA health, relay and projection lag").contains(
                "servicedesk_sla_open", "servicedesk_sla_breaches_total", "servicedesk_sla_at_risk_total",
                "servicedesk_sla_clocks_total", "servicedesk_relay_lag_events", "servicedesk_relay_lag_seconds",
                "servicedesk_projection_lag_records", "servicedesk_projection_event_lag_seconds_bucket",
                "http_server_requests_seconds_count");
        assertThat(registered).containsAll(used);
    }

    /** Names given to Micrometer in the main sources of platform, the services and the gateway, as Prometheus writes them. */
    static Set<String> registeredMetrics() throws IOException {
        Pattern meter = Pattern.compile("(counter|Counter\\.builder|timer|Timer\\.builder|gauge|Gauge\\.builder|MultiGauge\\.builder)"
                + "\\(\\s*\"([a-z0-9.]+)\"");
        Set<String> names = new TreeSet<>(FRAMEWORK_METRICS);
        List<Path> roots = new ArrayList<>(List.of(ROOT.resolve("platform/src/main/java"), ROOT.resolve("gateway/src/main/java")));
        SERVICES.forEach(service -> roots.add(ROOT.resolve(service).resolve("src/main/java")));
        for (Path root : roots) {
            List<Path> sources;
            try (Stream<Path> files = Files.walk(root)) {
                sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            }
            for (Path source : sources) {
                Matcher found = meter.matcher(Files.readString(source));
                while (found.find()) {
                    String name = found.group(2).replace('.', '_');
                    switch (found.group(1)) {
                        case "counter", "Counter.builder" -> names.add(name + "_total");
                        case "timer", "Timer.builder" -> Stream.of("_bucket", "_count", "_sum", "_max")
                                .forEach(suffix -> names.add(name + "_seconds" + suffix));
                        default -> names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** Metric names in the dashboard's expressions: what is left once labels, ranges, groupings and functions are gone. */
    static Set<String> dashboardMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : JsonMapper.builder().build().readTree(Files.readString(ROOT.resolve(DASHBOARD))).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString()
                        .replaceAll("\\{[^}]*}", " ")
                        .replaceAll("\\[[^]]*]", " ")
                        .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
                Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(expr);
                while (identifier.find()) {
                    String word = identifier.group().replaceAll("\\s*\\($", "");
                    if (identifier.group(1) == null && !PROMQL_WORDS.contains(word.toLowerCase())) {
                        names.add(word);
                    }
                }
            }
        }
        return names;
    }

    private static Object nodeIdOf(Map<String, Object> services, String broker) {
        return environment(services, broker).get("KAFKA_NODE_ID");
    }

    private static int port(String service) {
        return 8081 + SERVICES.indexOf(service);
    }
}
