package com.servicedesk.satisfaction.config;

import com.servicedesk.events.intake.ComplaintCategory;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scorecard's numbers besides the survey (DOMAIN.md, Satisfaction scorecard; seed 002 §4.7 and appendix).
 * Checked at start-up: a category without points would leave a verified complaint unscored.
 *
 * @param deductions         points off the base score per complaint verified as the company's responsibility, by its
 *                           confirmed category (every category needs a value)
 * @param satisfiedThreshold the final score from which a customer counts as basically satisfied (inclusive)
 */
@ConfigurationProperties("servicedesk.scorecard")
public record ScorecardProperties(Map<ComplaintCategory, Integer> deductions, BigDecimal satisfiedThreshold) {

    public ScorecardProperties {
        deductions = deductions == null || deductions.isEmpty() ? Map.of() : new EnumMap<>(deductions);
        List<String> problems = new ArrayList<>();
        for (ComplaintCategory category : ComplaintCategory.values()) {
            Integer points = deductions.get(category);
            if (points == null || points < 0) {
                problems.add("servicedesk.scorecard.deductions." + category + " is " + points + "; every category needs 0 or more points");
            }
        }
        if (satisfiedThreshold == null || satisfiedThreshold.signum() < 0 || satisfiedThreshold.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add("servicedesk.scorecard.satisfied-threshold is " + satisfiedThreshold + "; it lies between 0 and 100");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid scorecard configuration: " + String.join("; ", problems));
        }
    }
}
