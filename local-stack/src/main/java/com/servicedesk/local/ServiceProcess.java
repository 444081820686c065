package com.servicedesk.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service (or the gateway) running as a child JVM, its output in its own log file. */
final class ServiceProcess {
    /** Extra time to stop for a run that writes its class-data archive as it ends (six at once share two cores). */
    private static final Duration TRAINING_GRACE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> arguments;
    private final Path log;
    private final ServiceJars jars;
    private Process process;
    /** This run's class-data recording, if it records one (see {@link ServiceJars}). */
    private Path training;

    ServiceProcess(String name, Path jar, int port, List<String> arguments, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.arguments = List.copyOf(arguments);
        this.log = logDir.resolve(name + ".log");
        this.jars = new ServiceJars(jar);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    Process process() {
        return process;
    }

    /** Another instance of the same service: same jar and arguments (plus {@code extra}), its own name (and log) and port. */
    ServiceProcess another(String instanceName, int otherPort, List<String> extra) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(extra);
        return new ServiceProcess(instanceName, jar, otherPort, all, log.getParent());
    }

    void start(List<String> jvmOptions, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " is missing; build with ./mvnw -B -DskipTests package");
        }
        Path launchable = jars.launchable();
        training = jars.recording();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(jars.sharingOptions(training));
        command.add("-jar");
        command.add(launchable.toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** UP when the service's own health endpoint says so. */
    boolean isUp() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * SIGTERM first, so Spring shuts down gracefully (and a recording run writes its class-data archive); forced after
     * the grace period.
     */
    void stop(Duration grace) {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            process.destroy();
            // writing the archive takes seconds more, once
            Duration allowed = training == null ? grace : grace.plus(TRAINING_GRACE);
            try {
                if (!process.waitFor(allowed.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        keepTraining();
    }

    /** A run that recorded class data and has ended: its archive is kept if whole (said in the service's log if not). */
    void keepTraining() {
        if (training == null || process == null || process.isAlive()) {
            return;
        }
        try {
            jars.keep(training, process.exitValue());
        } catch (IOException e) {
            try {
                Files.writeString(log, "local stack: class-data archive not kept: " + e + System.lineSeparator(),
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException unwritable) {
                e.addSuppressed(unwritable);
                throw new java.io.UncheckedIOException(e);
            }
        }
        training = null;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
