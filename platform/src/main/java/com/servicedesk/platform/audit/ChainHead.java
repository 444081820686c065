package com.servicedesk.platform.audit;

import java.time.Instant;

/**
 * What {@link ChainHeadPublisher} sends to {@code servicedesk.audit.chain-heads.v1}: the link of an aggregate's
 * newest event at the time of publication. Once on Kafka (and summed up in the log) it is out of reach of anyone who
 * can rewrite the service's database.
 *
 * @param head the hex SHA-256 link of event {@code sequence}
 */
public record ChainHead(String service, String aggregateType, String aggregateId, long sequence, String head,
                        Instant publishedAt) {
}
