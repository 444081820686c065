package com.servicedesk.intake.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The complaint's SLA limits (DOMAIN.md, SLA clocks). Defaults are the procedure's numbers.
 *
 * @param acknowledge    first response after receipt (seed 000 §6.3: 24 h)
 * @param reply          answer to the customer after receipt, unless the customer asked for an earlier date (seed 003 §4.3.4: 48 h)
 * @param onSite         working days for the technician to be on site, per region (seed 002 §3.1: 1 and 3)
 * @param atRiskFraction share of the allowed time after which a running clock is AT_RISK (ours: 0.75)
 * @param watchInterval  how often the SLA watch looks for clocks past their at-risk point or deadline
 */
@ConfigurationProperties("servicedesk.sla")
public record SlaProperties(
        @DefaultValue("24h") Duration acknowledge,
        @DefaultValue("48h") Duration reply,
        @DefaultValue OnSite onSite,
        @DefaultValue("0.75") double atRiskFraction,
        @DefaultValue("5s") Duration watchInterval) {

    public record OnSite(@DefaultValue("1") int inProvinceWorkingDays, @DefaultValue("3") int outOfProvinceWorkingDays) {
    }
}
