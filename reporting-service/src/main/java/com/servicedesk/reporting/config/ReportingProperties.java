package com.servicedesk.reporting.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/**
 * The numbers of the read side ({@code servicedesk.reporting.*}), with DOMAIN.md's defaults.
 *
 * @param zone           the calendar zone: "due today", a complaint's year (its receipt's local year), a day's counters
 * @param atRiskFraction a running clock is AT_RISK once this share of its time is used, as in intake and field service
 * @param breachesListed how many open breaches the dashboard lists (the count is always complete)
 * @param topRootCauses  how many root causes the yearly report names
 * @param weakestItems   how many survey items the yearly report names as weakest
 * @param targets        the KPI targets of seed 001 (服务业务管理制度 第五条)
 */
@ConfigurationProperties("servicedesk.reporting")
public record ReportingProperties(@DefaultValue("Asia/Shanghai") ZoneId zone,
                                  @DefaultValue("0.75") double atRiskFraction,
                                  @DefaultValue("50") int breachesListed,
                                  @DefaultValue("5") int topRootCauses,
                                  @DefaultValue("5") int weakestItems,
                                  @DefaultValue Targets targets) {

    /**
     * @param satisfaction       share of surveyed customers basically satisfied, at least (≥ 90 %)
     * @param serviceFailureRate share of completed service orders that failed the customer, at most (≤ 2 %)
     * @param responseWithin24h  share of complaints acknowledged within their 24 h, at least (100 %)
     * @param handlingRate       closed ÷ registered, at least (100 %)
     */
    public record Targets(@DefaultValue("0.90") double satisfaction,
                          @DefaultValue("0.02") double serviceFailureRate,
                          @DefaultValue("1.0") double responseWithin24h,
                          @DefaultValue("1.0") double handlingRate) {
    }
}
