package com.servicedesk.platform.audit;

import com.servicedesk.platform.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes an aggregate's hash chain (db/audit-schema.sql) from the stored events and compares it link by link:
 * a changed event breaks its own link, a deleted one leaves a gap or a link without its event, an event stored
 * without the chain's trigger has no link, and two swapped events break the first of them. The answer names the
 * first broken sequence; an aggregate whose events and links are all gone but whose heads were published is broken
 * from sequence 0. The layout below must stay byte for byte the one of {@code servicedesk_event_link}.
 */
public class EventIntegrity {
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final PublishedChainHeads published;

    public EventIntegrity(JdbcTemplate jdbc, PublishedChainHeads published) {
        this.jdbc = jdbc;
        this.published = published;
    }

    /**
     * @return {@code {valid, events, firstBrokenSequence, head, publishedHeads, newestPublishedHead}}; head is the last
     * verified link, in hex. Past the stored links, the published heads are checked: each must be the recomputed link
     * at its sequence. A mismatch means the stream was rewritten with its links somewhere after the newest head that
     * still matches, so the first sequence after that one is named; a head published beyond the stored events names
     * the first missing sequence.
     */
    public Map<String, Object> check(String aggregateType, String aggregateId) {
        return check(aggregateType, aggregateId, published.of(aggregateId));
    }

    /** As {@link #check(String, String)}, with the aggregate's published heads already read (oldest first). */
    Map<String, Object> check(String aggregateType, String aggregateId, List<ChainHead> heads) {
        List<Link> links = jdbc.query("SELECT coalesce(e.sequencenumber, h.sequencenumber) AS seq, e.eventidentifier, "
                        + "e.aggregateidentifier, e.sequencenumber, e.type, e.timestamp, e.payloadtype, e.payloadrevision, "
                        + "e.payload, e.metadata, h.hash FROM domainevententry e FULL OUTER JOIN event_hash h "
                        + "ON h.aggregateidentifier = e.aggregateidentifier AND h.sequencenumber = e.sequencenumber "
                        + "WHERE e.aggregateidentifier = ? OR h.aggregateidentifier = ? ORDER BY seq",
                (rs, n) -> new Link(rs.getLong("seq"), rs.getString("eventidentifier") == null ? null : layout(
                        rs.getString("eventidentifier"), rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"),
                        rs.getString("type"), rs.getString("timestamp"), rs.getString("payloadtype"),
                        rs.getString("payloadrevision"), rs.getBytes("payload"), rs.getBytes("metadata")), rs.getBytes("hash")),
                aggregateId, aggregateId);
        byte[] previous = new byte[0];
        List<byte[]> verified = new ArrayList<>();
        Long broken = null;
        long expected = 0;
        for (Link link : links) {
            if (link.sequence() != expected || link.event() == null || link.hash() == null) {
                broken = Math.min(expected, link.sequence());
                break;
            }
            byte[] recomputed = sha256(previous, link.event());
            if (!MessageDigest.isEqual(recomputed, link.hash())) {
                broken = link.sequence();
                break;
            }
            previous = recomputed;
            verified.add(recomputed);
            expected++;
        }
        if (links.isEmpty() && heads.isEmpty()) {
            throw new NotFoundException(aggregateType, aggregateId);
        }
        Long contradicted = contradictedFrom(heads, verified, broken == null);
        if (contradicted != null) {
            broken = broken == null ? contradicted : Math.min(broken, contradicted);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", broken == null);
        answer.put("events", links.stream().filter(link -> link.event() != null).count());
        answer.put("firstBrokenSequence", broken);
        answer.put("head", previous.length == 0 ? null : HEX.formatHex(previous));
        answer.put("publishedHeads", heads.size());
        answer.put("newestPublishedHead", heads.isEmpty() ? null : heads.get(heads.size() - 1));
        return answer;
    }

    /** The first sequence the published heads prove changed or missing, or null when they all agree. */
    private static Long contradictedFrom(List<ChainHead> heads, List<byte[]> verified, boolean wholeStreamVerified) {
        long lastAgreeing = -1;
        for (ChainHead head : heads) {
            if (head.sequence() < verified.size()) {
                if (!MessageDigest.isEqual(verified.get((int) head.sequence()), HEX.parseHex(head.head()))) {
                    return lastAgreeing + 1;
                }
                lastAgreeing = head.sequence();
            } else if (wholeStreamVerified) {
                return (long) verified.size(); // published, then deleted
            }
        }
        return null;
    }

    /** The stored links of one aggregate by sequence, in hex, for the audit trail. */
    public Map<Long, String> links(String aggregateId) {
        Map<Long, String> links = new LinkedHashMap<>();
        jdbc.query("SELECT sequencenumber, hash FROM event_hash WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                rs -> {
                    links.put(rs.getLong("sequencenumber"), HEX.formatHex(rs.getBytes("hash")));
                }, aggregateId);
        return links;
    }

    private static byte[] layout(String eventId, String aggregateId, long sequence, String type, String timestamp,
                                 String payloadType, String payloadRevision, byte[] payload, byte[] metadata) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write((eventId + "\n" + aggregateId + "\n" + sequence + "\n" + (type == null ? "" : type) + "\n" + timestamp
                    + "\n" + payloadType + "\n" + (payloadRevision == null ? "" : payloadRevision) + "\n").getBytes(StandardCharsets.UTF_8));
            out.writeInt(payload.length);
            out.write(payload);
            out.writeInt(metadata == null ? -1 : metadata.length);
            if (metadata != null) {
                out.write(metadata);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] previous, byte[] event) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            return digest.digest(event);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Link(long sequence, byte[] event, byte[] hash) {
    }
}
