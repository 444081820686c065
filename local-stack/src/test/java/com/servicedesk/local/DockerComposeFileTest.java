package com.servicedesk.local;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run on the build machines (no Docker engine); this reads it and checks that the
 * distributed deployment has every part and every service its connection settings, so it cannot silently rot.
 */
class DockerComposeFileTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("intake-service", "fieldservice-service", "quality-service",
            "satisfaction-service", "reporting-service");

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws Exception {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build())
                .loadFromString(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> services, String name) {
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        assertThat(service).as(name).isNotNull();
        return (Map<String, Object>) service.get("environment");
    }

    @Test
    void hasKafkaInKraftModePostgresAndAMongoReplicaSet() throws Exception {
        Map<String, Object> services = services();
        assertThat(environment(services, "kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(services).containsKeys("postgres", "mongo", "mongo-init", "gateway");
        assertThat(services.get("mongo").toString()).contains("--replSet");
        assertThat(Files.readString(ROOT.resolve("docker/mongo/init-replica-set.js"))).contains("rs.initiate");
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
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SERVICEDESK_SECURITY_JWT_SECRET");
            assertThat(environment.get("SPRING_MONGODB_URI").toString()).as(name).contains("replicaSet=rs0");
            assertThat(services.get(name).toString()).contains("./" + name + "/target/" + name + ".jar");
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

    private static int port(String service) {
        return 8081 + SERVICES.indexOf(service);
    }
}
