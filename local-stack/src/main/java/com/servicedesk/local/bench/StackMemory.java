package com.servicedesk.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The memory the whole stack holds: this launcher (with Kafka and the Mongo-wire store in it), every service JVM and
 * every PostgreSQL process. Counted as PSS (Linux {@code smaps_rollup}): pages shared between PostgreSQL's processes
 * are divided among them instead of counted once per process as RSS would. RSS is given beside it.
 */
final class StackMemory {
    record Usage(long pssBytes, long rssBytes, int processes, java.util.Map<String, Long> pssMbByPart) {
        long pssMb() {
            return pssBytes / (1024 * 1024);
        }

        long rssMb() {
            return rssBytes / (1024 * 1024);
        }
    }

    private StackMemory() {
    }

    static Usage measure(Path postgresDataDir) {
        Set<ProcessHandle> processes = new LinkedHashSet<>();
        processes.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(processes::add);
        postmaster(postgresDataDir).ifPresent(postmaster -> {
            processes.add(postmaster);
            postmaster.descendants().forEach(processes::add);
        });
        long pss = 0;
        long rss = 0;
        java.util.Map<String, Long> byPart = new java.util.TreeMap<>();
        for (ProcessHandle process : processes) {
            long processPss = kilobytes(process.pid(), "smaps_rollup", "Pss:");
            pss += processPss;
            rss += kilobytes(process.pid(), "status", "VmRSS:");
            byPart.merge(part(process), processPss / 1024, Long::sum);
        }
        return new Usage(pss * 1024, rss * 1024, processes.size(), byPart);
    }

    /** Which part of the stack a process is: the launcher, PostgreSQL, or the service whose jar it runs. */
    private static String part(ProcessHandle process) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return "launcher (Kafka, Mongo-wire, bench)";
        }
        String command = process.info().command().orElse("");
        if (command.contains("postgres")) {
            return "postgresql";
        }
        for (String argument : process.info().arguments().orElse(new String[0])) {
            if (argument.endsWith(".jar")) {
                return Path.of(argument).getFileName().toString().replace(".jar", "");
            }
        }
        return "other";
    }

    private static java.util.Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static long kilobytes(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended meanwhile, or this is no Linux: it counts as nothing
        }
        return 0;
    }
}
