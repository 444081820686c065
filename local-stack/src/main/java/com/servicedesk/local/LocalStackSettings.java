package com.servicedesk.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack is told on its command line. Every {@code --servicedesk.*} argument is also handed to every
 * service and the gateway; {@code --servicedesk.local.*} ones set the launcher itself:
 * <ul>
 *   <li>{@code servicedesk.data-dir} (default {@code ./data}): everything that must survive a restart</li>
 *   <li>{@code servicedesk.local.port} (8080): the gateway; the services take the next five ports</li>
 *   <li>{@code servicedesk.local.postgres-port} (15432), {@code kafka-port} (19092), {@code kafka-controller-port}
 *       (19093), {@code mongo-port} (27018): the embedded servers, away from the defaults of real installations</li>
 *   <li>{@code servicedesk.local.jvm-options}: the services' JVM options, space separated</li>
 *   <li>{@code servicedesk.local.ready-timeout} (180): seconds to wait for every service</li>
 * </ul>
 */
public record LocalStackSettings(
        Path dataDir,
        int gatewayPort,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        List<String> jvmOptions,
        int readyTimeoutSeconds,
        Path servicesDir,
        List<String> forwardedArguments) {

    /**
     * Small heaps and the serial collector: six JVMs share two cores and the stack must stay small. Only the quick
     * compiler (C1, TieredStopAtLevel=1): the optimising one spent most of the start's CPU compiling while six JVMs
     * start on two cores, and kept compiling for minutes after (docs/benchmarks.md, "Start-up"). No performance-data
     * file (UsePerfData): sampling it woke every JVM twenty times a second; jcmd and JFR work without it.
     */
    static final String DEFAULT_JVM_OPTIONS = "-Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=256m "
            + "-XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1 -XX:-UsePerfData";

    public static LocalStackSettings parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> forwarded = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unknown argument " + arg + " (expected --name=value)");
            }
            String name = arg.substring(2, arg.indexOf('='));
            options.put(name, arg.substring(arg.indexOf('=') + 1));
            if (name.startsWith("servicedesk.")) {
                forwarded.add(arg);
            }
        }
        int gatewayPort = integer(options, "servicedesk.local.port", 8080);
        return new LocalStackSettings(
                Path.of(options.getOrDefault("servicedesk.data-dir", "data")).toAbsolutePath().normalize(),
                gatewayPort,
                integer(options, "servicedesk.local.postgres-port", 15432),
                integer(options, "servicedesk.local.kafka-port", 19092),
                integer(options, "servicedesk.local.kafka-controller-port", 19093),
                integer(options, "servicedesk.local.mongo-port", 27018),
                Arrays.stream(options.getOrDefault("servicedesk.local.jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+"))
                        .filter(option -> !option.isBlank()).toList(),
                integer(options, "servicedesk.local.ready-timeout", 180),
                servicesDir(options.get("servicedesk.local.services-dir")),
                List.copyOf(forwarded));
    }

    public int servicePort(int index) {
        return gatewayPort + 1 + index;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
    }

    /**
     * The services' jars lie in {@code services/} next to ours ({@code local-stack/target/services} after a build);
     * tests and unusual layouts name the folder.
     */
    private static Path servicesDir(String given) {
        if (given == null) {
            given = System.getProperty("servicedesk.local.services-dir");
        }
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            // target/servicedesk-local.jar and target/classes both sit next to target/services
            Path candidate = path.getParent().resolve("services");
            if (Files.isRegularFile(candidate.resolve("gateway.jar"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("cannot find the services' jars next to the local stack's: build with "
                + "`./mvnw -B -DskipTests package` first, or give --servicedesk.local.services-dir=DIR");
    }
}
