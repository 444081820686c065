package com.servicedesk.platform.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tamper evidence that does not wait to be asked: every {@code servicedesk.audit.integrity-sweep.interval} the
 * service recomputes the hash chain of every aggregate in its event store, and of every aggregate it ever published
 * a head for (an aggregate deleted whole, events and links, is known only from its heads). Each broken chain is logged
 * at ERROR with its first broken sequence; {@code servicedesk_audit_chains_broken} holds the count of the last sweep,
 * for an alert, and {@code servicedesk_audit_chains_checked} how many chains it checked. A sweep logs its progress.
 */
public class IntegritySweep {
    private static final Logger LOG = LoggerFactory.getLogger(IntegritySweep.class);

    /** One chain found broken by a sweep. */
    public record BrokenChain(String aggregateType, String aggregateId, long firstBrokenSequence) {
    }

    /** What one sweep found. */
    public record Result(Instant startedAt, Instant finishedAt, long checked, List<BrokenChain> broken) {
    }

    private final JdbcTemplate jdbc;
    private final EventIntegrity integrity;
    private final PublishedChainHeads published;
    private final Clock clock;
    private final Duration progressLogInterval;
    private final AtomicLong lastBroken = new AtomicLong();
    private final AtomicLong lastChecked = new AtomicLong();

    public IntegritySweep(JdbcTemplate jdbc, EventIntegrity integrity, PublishedChainHeads published, Clock clock,
                          Duration progressLogInterval, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.integrity = integrity;
        this.published = published;
        this.clock = clock;
        this.progressLogInterval = progressLogInterval;
        Gauge.builder("servicedesk.audit.chains.broken", lastBroken, AtomicLong::get)
                .description("Hash chains found broken by the last integrity sweep").register(meters);
        Gauge.builder("servicedesk.audit.chains.checked", lastChecked, AtomicLong::get)
                .description("Hash chains the last integrity sweep recomputed").register(meters);
    }

    @Scheduled(fixedDelayString = "${servicedesk.audit.integrity-sweep.interval:6h}",
            initialDelayString = "${servicedesk.audit.integrity-sweep.initial-delay:1h}")
    public void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // the next sweep tries again; the gauges keep the last completed sweep's numbers
            LOG.error("integrity sweep failed", e);
        }
    }

    public synchronized Result sweep() {
        Instant started = clock.instant();
        // aggregate id → type, from the events, the links and the published heads alike
        Map<String, String> aggregates = new TreeMap<>();
        jdbc.query("SELECT DISTINCT aggregateidentifier, type FROM domainevententry",
                rs -> {
                    aggregates.put(rs.getString(1), rs.getString(2));
                });
        jdbc.query("SELECT DISTINCT aggregateidentifier FROM event_hash", rs -> {
            aggregates.putIfAbsent(rs.getString(1), "unknown");
        });
        Map<String, List<ChainHead>> heads = published.all();
        heads.forEach((id, ofAggregate) -> aggregates.putIfAbsent(id, ofAggregate.get(0).aggregateType()));
        LOG.info("integrity sweep: recomputing {} hash chains", aggregates.size());
        List<BrokenChain> broken = new ArrayList<>();
        long checked = 0;
        Instant nextLog = started.plus(progressLogInterval);
        for (Map.Entry<String, String> aggregate : aggregates.entrySet()) {
            Map<String, Object> answer = integrity.check(aggregate.getValue(), aggregate.getKey(),
                    heads.getOrDefault(aggregate.getKey(), List.of()));
            checked++;
            if (!Boolean.TRUE.equals(answer.get("valid"))) {
                BrokenChain chain = new BrokenChain(aggregate.getValue(), aggregate.getKey(), (Long) answer.get("firstBrokenSequence"));
                broken.add(chain);
                LOG.error("integrity sweep: the hash chain of {} {} is broken from sequence {}", chain.aggregateType(),
                        chain.aggregateId(), chain.firstBrokenSequence());
            }
            Instant now = clock.instant();
            if (now.isAfter(nextLog)) {
                double rate = checked / Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
                LOG.info("integrity sweep: {}/{} chains, {} broken, {} chains/s, ETA {} s", checked, aggregates.size(),
                        broken.size(), Math.round(rate), Math.round((aggregates.size() - checked) / rate));
                nextLog = now.plus(progressLogInterval);
            }
        }
        Instant finished = clock.instant();
        lastChecked.set(checked);
        lastBroken.set(broken.size());
        LOG.info("integrity sweep: {} chains recomputed in {} ms, {} broken", checked,
                Duration.between(started, finished).toMillis(), broken.size());
        return new Result(started, finished, checked, List.copyOf(broken));
    }
}
