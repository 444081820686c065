package com.servicedesk.platform.audit;

import com.servicedesk.events.Topics;
import com.servicedesk.platform.axon.AxonJson;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes, every {@code servicedesk.audit.chain-heads.interval}, the newest link of every aggregate that gained
 * events since the last round, to Kafka (one record per aggregate, keyed by its id) and to the log (one line per
 * round: how many heads and a SHA-256 over them, so the log alone can confirm a round on the topic was not altered).
 * Rewriting a stream together with its links then no longer goes unseen: the recomputed chain no longer passes
 * through a head that left the building, and a deleted tail leaves a published sequence with no event.
 * <p>
 * A head is marked published only after Kafka acknowledged it; a crash in between publishes it again, which is
 * harmless (the same head twice). Events stored between two rounds are exposed for at most one interval.
 */
public class ChainHeadPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ChainHeadPublisher.class);
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String service;
    private final int batchSize;
    private final Duration ackTimeout;
    private final Clock clock;
    private final MeterRegistry meters;

    public ChainHeadPublisher(JdbcTemplate jdbc, KafkaTemplate<String, byte[]> kafka, String service, int batchSize,
                              Duration ackTimeout, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.service = service;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${servicedesk.audit.chain-heads.interval:30s}",
            initialDelayString = "${servicedesk.audit.chain-heads.interval:30s}")
    public void publishRound() {
        try {
            int published = 0;
            MessageDigest round = sha256();
            List<ChainHead> batch;
            do {
                batch = pending();
                publish(batch);
                batch.forEach(head -> round.update((head.aggregateId() + ":" + head.sequence() + ":" + head.head() + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                published += batch.size();
            } while (batch.size() == batchSize);
            if (published > 0) {
                LOG.info("chain heads published: service={} topic={} heads={} roundDigest={}", service, Topics.CHAIN_HEADS,
                        published, HEX.formatHex(round.digest()));
                meters.counter("servicedesk.audit.chain.heads.published").increment(published);
            }
        } catch (RuntimeException e) {
            // the next round finds the same unpublished heads: nothing is lost, but an operator should know
            LOG.warn("chain heads not published this round, retried next round: {}", e.toString());
            meters.counter("servicedesk.audit.chain.heads.failures").increment();
        }
    }

    /** The newest unpublished link of up to {@code batchSize} aggregates. */
    private List<ChainHead> pending() {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("WITH pending AS (SELECT aggregateidentifier, max(sequencenumber) AS seq FROM event_hash "
                        + "WHERE published_at IS NULL GROUP BY aggregateidentifier ORDER BY aggregateidentifier LIMIT ?) "
                        + "SELECT p.aggregateidentifier, p.seq, h.hash, e.type FROM pending p "
                        + "JOIN event_hash h ON h.aggregateidentifier = p.aggregateidentifier AND h.sequencenumber = p.seq "
                        + "LEFT JOIN domainevententry e ON e.aggregateidentifier = p.aggregateidentifier AND e.sequencenumber = p.seq",
                (rs, n) -> new ChainHead(service, rs.getString("type"), rs.getString("aggregateidentifier"), rs.getLong("seq"),
                        HEX.formatHex(rs.getBytes("hash")), now.toInstant()),
                batchSize);
    }

    private void publish(List<ChainHead> heads) {
        if (heads.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (ChainHead head : heads) {
            acks.add(kafka.send(Topics.CHAIN_HEADS, head.aggregateId(), json(head)));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the chain heads", e);
        }
        jdbc.batchUpdate("UPDATE event_hash SET published_at = ? WHERE aggregateidentifier = ? AND sequencenumber <= ? "
                        + "AND published_at IS NULL",
                heads.stream().map(head -> new Object[]{Timestamp.from(head.publishedAt()), head.aggregateId(), head.sequence()})
                        .toList());
    }

    private static byte[] json(ChainHead head) {
        try {
            return AxonJson.mapper().writeValueAsBytes(head);
        } catch (Exception e) {
            throw new IllegalStateException("a chain head is always writable as JSON", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
