package com.servicedesk.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady command load for the fault and scale-out tests: a few client threads, each telling complaint stories at a fixed
 * pace, and remembering every command that was answered 2xx (the promise a fault must not break). A story is: register a
 * complaint; for every second one acknowledge it; for every fourth one ask for field service (field service then opens a
 * service order and intake links it, over Kafka); and, when asked for, every tenth story also records a survey
 * (satisfaction) and another opens a CAPA (quality), both through the gateway.
 * <p>
 * Answers are counted per window (what the test was doing at the time: "steady", "kill -9 intake-service", ...): sent,
 * 2xx, and every other outcome by status or exception, each in the window the request was sent in (so a request in
 * flight when a fault began counts in the window before it). No request is retried: a failure is an unknown outcome,
 * which is allowed; a 2xx that is lost is not.
 */
final class CommandLoad implements AutoCloseable {
    /** Where a story's step is sent: (story number, step) → base URL. Steps: 0 register, 1 acknowledge, 2 field service. */
    interface Route extends BiFunction<Long, Integer, String> {
    }

    /** What the clients were told succeeded. */
    static final class Acknowledged {
        final Set<String> complaints = ConcurrentHashMap.newKeySet();
        final Set<String> acknowledgements = ConcurrentHashMap.newKeySet();
        final Set<String> fieldServiceRequests = ConcurrentHashMap.newKeySet();
        final Set<String> scorecards = ConcurrentHashMap.newKeySet();
        final Set<String> capas = ConcurrentHashMap.newKeySet();
        /** 2xx answers per base URL the command went to. */
        final Map<String, AtomicLong> byTarget = new ConcurrentHashMap<>();

        long total() {
            return complaints.size() + acknowledgements.size() + fieldServiceRequests.size() + scorecards.size() + capas.size();
        }
    }

    /** One stretch of the run and what its requests met. */
    static final class Window {
        final String name;
        final long startedAt = System.nanoTime();
        volatile long endedAt;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

        Window(String name) {
            this.name = name;
        }

        long failed() {
            return failures.values().stream().mapToLong(AtomicLong::get).sum();
        }

        double seconds() {
            return ((endedAt == 0 ? System.nanoTime() : endedAt) - startedAt) / 1e9;
        }
    }

    private static final Pattern COMPLAINT_ID = Pattern.compile("\"complaintId\":\"([^\"]+)\"");
    private static final Pattern CAPA_ID = Pattern.compile("\"capaId\":\"([^\"]+)\"");
    private static final Pattern SCORECARD_ID = Pattern.compile("\"scorecardId\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final String tag;
    private final int threads;
    private final double storiesPerSecond;
    private final Route route;
    private final String gateway;
    private final boolean otherServices;
    private final String agentToken;
    private final String qualityToken;
    private final Acknowledged acknowledged = new Acknowledged();
    private final List<Window> windows = new ArrayList<>();
    private final AtomicReference<Window> current = new AtomicReference<>();
    private final AtomicLong stories = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param tag           marks this run's data (customer ids, CAPA statements), so checks can find what it wrote
     * @param route         where each complaint command goes
     * @param gateway       where surveys and CAPAs go
     * @param otherServices whether stories also record surveys and open CAPAs
     */
    CommandLoad(String tag, int threads, double storiesPerSecond, Route route, String gateway, boolean otherServices,
                String agentToken, String qualityToken) {
        this.tag = tag;
        this.threads = threads;
        this.storiesPerSecond = storiesPerSecond;
        this.route = route;
        this.gateway = gateway;
        this.otherServices = otherServices;
        this.agentToken = agentToken;
        this.qualityToken = qualityToken;
    }

    Acknowledged acknowledged() {
        return acknowledged;
    }

    long stories() {
        return stories.get();
    }

    /** Starts the clients, counting in a first window of this name. */
    synchronized void start(String windowName) {
        window(windowName);
        running = true;
        long period = (long) (threads * 1e9 / storiesPerSecond);
        for (int i = 0; i < threads; i++) {
            long offset = i * period / threads;
            Thread worker = new Thread(() -> run(period, offset), "load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** From now on, answers count in a new window of this name. */
    synchronized void window(String name) {
        Window next = new Window(name);
        Window previous = current.getAndSet(next);
        if (previous != null) {
            previous.endedAt = next.startedAt;
        }
        windows.add(next);
    }

    /** Stops the clients and waits for their last requests. */
    synchronized void stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        workers.clear();
        Window last = current.get();
        if (last != null && last.endedAt == 0) {
            last.endedAt = System.nanoTime();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void run(long period, long offset) {
        long next = System.nanoTime() + offset;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else if (-wait > 1_000_000_000L) {
                next = System.nanoTime(); // a slow answer: keep the pace from now on instead of bursting to catch up
            }
            next += period;
            story(stories.getAndIncrement());
        }
    }

    private void story(long n) {
        String base = route.apply(n, 0);
        String body = LocalStackEndToEndTest.COMPLAINT.replace("\"customerId\":\"CUST-7\"", "\"customerId\":\"" + tag + "-" + n + "\"");
        String id = send(base, "/api/v1/complaints", agentToken, body, COMPLAINT_ID);
        if (id != null) {
            acknowledged.complaints.add(id);
            if (n % 2 == 0) {
                String acknowledgeBase = route.apply(n, 1);
                if (send(acknowledgeBase, "/api/v1/complaints/" + id + "/acknowledgement", agentToken, "{\"note\":\"on it\"}", null) != null) {
                    acknowledged.acknowledgements.add(id);
                    if (n % 4 == 0 && send(route.apply(n, 2), "/api/v1/complaints/" + id + "/field-service-requests", agentToken,
                            "{\"reason\":\"pump leaks (" + tag + ")\"}", null) != null) {
                        acknowledged.fieldServiceRequests.add(id);
                    }
                }
            }
        }
        if (otherServices && n % 10 == 3) {
            String scorecard = send(gateway, "/api/v1/surveys", agentToken, ApiRolesEndToEndTest.survey(tag + "-S" + n), SCORECARD_ID);
            if (scorecard != null) {
                acknowledged.scorecards.add(scorecard);
            }
        }
        if (otherServices && n % 10 == 7) {
            String capa = send(gateway, "/api/v1/capas", qualityToken,
                    "{\"problemStatement\":\"" + tag + " capa " + n + "\",\"source\":\"INTERNAL\"}", CAPA_ID);
            if (capa != null) {
                acknowledged.capas.add(capa);
            }
        }
    }

    /** @return the id the answer names (or "" when {@code id} is null) for a 2xx, null for anything else */
    private String send(String base, String path, String token, String json, Pattern id) {
        Window window = current.get();
        window.sent.incrementAndGet();
        String outcome;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                String found = "";
                if (id != null) {
                    Matcher matcher = id.matcher(response.body());
                    if (!matcher.find()) {
                        throw new AssertionError("a 2xx without the id: " + response.body());
                    }
                    found = matcher.group(1);
                }
                window.ok.incrementAndGet();
                acknowledged.byTarget.computeIfAbsent(base, b -> new AtomicLong()).incrementAndGet();
                return found;
            }
            outcome = String.valueOf(response.statusCode());
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
        } catch (ConnectException e) {
            outcome = "refused";
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        window.failures.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
        return null;
    }

    /** One line per window: how long, sent, 2xx, and the failures by kind. */
    String summary() {
        StringBuilder text = new StringBuilder(String.format("%-34s %7s %6s %6s %6s  %s%n", "window", "seconds", "sent", "2xx", "failed", "failures by kind"));
        long sent = 0;
        long ok = 0;
        long failed = 0;
        for (Window window : windows) {
            text.append(String.format("%-34s %7.1f %6d %6d %6d  %s%n", window.name, window.seconds(), window.sent.get(), window.ok.get(),
                    window.failed(), new TreeMap<>(window.failures)));
            sent += window.sent.get();
            ok += window.ok.get();
            failed += window.failed();
        }
        text.append(String.format("%-34s %7s %6d %6d %6d%n", "total", "", sent, ok, failed));
        text.append(String.format("2xx by kind: complaints %d, acknowledgements %d, field-service requests %d, surveys %d, CAPAs %d",
                acknowledged.complaints.size(), acknowledged.acknowledgements.size(), acknowledged.fieldServiceRequests.size(),
                acknowledged.scorecards.size(), acknowledged.capas.size()));
        return text.toString();
    }
}
