package com.servicedesk.intake.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The complaint's SLA limits (DOMAIN.md, SLA clocks). Defaults are the procedure's numbers.
 *
 * @param acknowledge    first response after receipt (seed 000 §6.3: 24 h)
 * @param reply          answer to the customer after receipt, unless the customer asked for an earlier date (seed 003 §4.3.4: 48 h)
 * @param atRiskFraction share of the allowed time after which a running clock is AT_RISK (ours: 0.75)
 */
@ConfigurationProperties("servicedesk.sla")
public record SlaProperties(
        @DefaultValue("24h") Duration acknowledge,
        @DefaultValue("48h") Duration reply,
        @DefaultValue("0.75") double atRiskFraction) {
}
