package com.servicedesk.fieldservice.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.Period;

/**
 * Field service's numbers (see {@code application.yml}).
 *
 * @param warrantyPeriod  三包 period from the delivery date (default 12 months)
 * @param reportDue       the service report after completion (default 48 h)
 * @param atRiskFraction  share of the report's time after which it is AT_RISK (default 0.75)
 */
@Validated
@ConfigurationProperties("servicedesk.field-service")
public record FieldServiceProperties(@DefaultValue("12m") Period warrantyPeriod,
                                     @DefaultValue("48h") Duration reportDue,
                                     @DefaultValue("0.75") double atRiskFraction) {
    public FieldServiceProperties {
        if (warrantyPeriod.isNegative() || warrantyPeriod.isZero()) {
            throw new IllegalArgumentException("servicedesk.field-service.warranty-period must be positive, was " + warrantyPeriod);
        }
        if (reportDue.isNegative() || reportDue.isZero()) {
            throw new IllegalArgumentException("servicedesk.field-service.report-due must be positive, was " + reportDue);
        }
        if (atRiskFraction <= 0 || atRiskFraction >= 1) {
            throw new IllegalArgumentException("servicedesk.field-service.at-risk-fraction must be between 0 and 1, was " + atRiskFraction);
        }
    }
}
