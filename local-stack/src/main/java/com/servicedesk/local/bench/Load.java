package com.servicedesk.local.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one kind of operation from several threads and records every latency in an HdrHistogram (microseconds,
 * 3 significant digits). Closed loop: each thread sends the next as soon as the last is answered (throughput at a
 * concurrency). Fixed rate: operations are due at even intervals and each latency counts from when it was due, not
 * when it was sent, so a stall delays the ones behind it too (no coordinated omission).
 */
final class Load {
    /** One operation; true when it succeeded (a failure is counted, its latency is not). */
    @FunctionalInterface
    interface Operation {
        boolean run(int thread, long index) throws Exception;
    }

    record Result(long operations, long failures, double seconds, Histogram latencies, String firstFailure) {
        double perSecond() {
            return operations / seconds;
        }

        double percentileMs(double percentile) {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private Load() {
    }

    static Result closedLoop(int threads, Duration duration, Operation operation) throws Exception {
        return run(threads, duration, Long.MAX_VALUE, 0, operation);
    }

    /** Closed loop until {@code count} operations were started. */
    static Result closedLoop(int threads, long count, Operation operation) throws Exception {
        return run(threads, Duration.ofDays(1), count, 0, operation);
    }

    static Result fixedRate(int threads, Duration duration, double perSecond, Operation operation) throws Exception {
        return run(threads, duration, Long.MAX_VALUE, perSecond, operation);
    }

    private static Result run(int threads, Duration duration, long count, double perSecond, Operation operation) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        StringBuffer firstFailure = new StringBuffer();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = perSecond > 0 ? Math.round(1e9 / perSecond) : 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "bench-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    while (true) {
                        long index = next.getAndIncrement();
                        long due = interval > 0 ? start + index * interval : System.nanoTime();
                        if (due >= end || index >= count) {
                            return null;
                        }
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        boolean ok;
                        try {
                            ok = operation.run(thread, index);
                        } catch (Exception e) {
                            ok = false;
                            if (firstFailure.length() == 0) {
                                firstFailure.append(e);
                            }
                        }
                        if (ok) {
                            recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(done.get(), failed.get(), seconds, recorder.getIntervalHistogram(),
                firstFailure.length() == 0 ? null : firstFailure.toString());
    }
}
