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
    record Usage(long pssBytes, long rssBytes, int processes) {
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
        for (ProcessHandle process : processes) {
            pss += kilobytes(process.pid(), "smaps_rollup", "Pss:");
            rss += kilobytes(process.pid(), "status", "VmRSS:");
        }
        return new Usage(pss * 1024, rss * 1024, processes.size());
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
