package com.servicedesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The services' jars as a JVM starts them fastest (docs/benchmarks.md, "Start-up"). Each Spring Boot fat jar is
 * extracted once with Boot's own tool ({@code java -Djarmode=tools -jar x.jar extract}): the application's classes in
 * a plain jar, its libraries beside it, so classes load from ordinary jars instead of through Boot's nested-jar loader.
 * And each extracted jar gets a class-data-sharing archive: the first run of it records the classes it loaded
 * ({@code -XX:ArchiveClassesAtExit}) and writes them when it ends; every later run maps them
 * ({@code -XX:SharedArchiveFile}) instead of loading, verifying and linking them again.
 * <p>
 * Layout, next to the fat jars: {@code run/<name>/<name>.jar}, {@code run/<name>/lib/}, {@code run/<name>/source} (the
 * fat jar's size and time, so a rebuilt jar is extracted again and its archive dropped) and {@code run/<name>/<name>.jsa}.
 * {@code main} prepares a folder at build time, so that the first start after a build does not pay for it.
 */
final class ServiceJars {
    private final Path fatJar;
    private final Path dir;
    private final String name;

    ServiceJars(Path fatJar) {
        this.fatJar = fatJar;
        this.name = fatJar.getFileName().toString().replaceFirst("\\.jar$", "");
        this.dir = fatJar.getParent().resolve("run").resolve(name);
    }

    /** The jar to start: the extracted one, extracted first if the fat jar is newer than it. */
    Path launchable() throws IOException {
        String source = Files.size(fatJar) + " " + Files.getLastModifiedTime(fatJar).toMillis();
        Path marker = dir.resolve("source");
        Path jar = dir.resolve(name + ".jar");
        if (Files.isRegularFile(jar) && Files.isRegularFile(marker) && Files.readString(marker).equals(source)) {
            return jar;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        List<String> command = List.of(java(), "-Djarmode=tools", "-jar", fatJar.toString(), "extract", "--force",
                "--destination", dir.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("extract.log").toFile())).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("could not extract " + fatJar + "; see " + dir.resolve("extract.log"));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting " + fatJar, e);
        }
        Files.writeString(marker, source);
        return jar;
    }

    /**
     * Where a run records its class data: nowhere (null) when there is an archive to map, else a file of its own
     * ({@link #keep} makes it the archive once the run has ended well).
     */
    Path recording() {
        return Files.isRegularFile(archive()) ? null : trainingFile();
    }

    /** The JVM options for class-data sharing on one run: map the archive, or record into {@code recording}. */
    List<String> sharingOptions(Path recording) {
        if (recording == null) {
            return List.of("-XX:SharedArchiveFile=" + archive());
        }
        // the archive is written at exit; its warnings about classes it leaves out are not the service's log's business
        return List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** A file name for one run's recording. */
    Path trainingFile() {
        return dir.resolve(name + ".jsa." + UUID.randomUUID() + ".tmp");
    }

    /**
     * After a run that recorded: its archive becomes the one every later run maps, if the run ended by itself or by
     * SIGTERM (a run killed outright may have left half a file) and no other run got there first.
     */
    void keep(Path training, int exitValue) throws IOException {
        try {
            boolean whole = exitValue == 0 || exitValue == 143;
            if (whole && Files.isRegularFile(training) && Files.size(training) > 0 && !Files.exists(archive())) {
                Files.move(training, archive(), StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(training);
        }
    }

    Path archive() {
        return dir.resolve(name + ".jsa");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Extracts every fat jar of a folder, in parallel: {@code ServiceJars local-stack/target/services}. */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        prepare(jars);
        System.out.println("extracted " + jars.size() + " service jars in " + folder.resolve("run"));
    }

    /** {@link #launchable()} for each, at the same time. */
    static void prepare(List<Path> fatJars) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Path jar : fatJars) {
            if (!Files.isRegularFile(jar)) {
                continue; // the service's start says what is missing
            }
            Thread thread = new Thread(() -> {
                try {
                    new ServiceJars(jar).launchable();
                } catch (IOException e) {
                    failures.add(new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "extract-" + jar.getFileName());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

}
