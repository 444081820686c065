package com.servicedesk.events.satisfaction;

import java.math.BigDecimal;

/**
 * The scorecard's result after an event, carried by every scorecard event so that no consumer has to repeat the
 * scoring rules (DOMAIN.md, Satisfaction scorecard). Scores have two decimals.
 *
 * @param baseScore       {@code S = Σ F × X} of the survey response that counts, or null while the customer has no
 *                        survey response this year
 * @param totalDeductions the points of the complaint deductions in force
 * @param finalScore      {@code max(0, S − deductions)}, or null while there is no survey response
 * @param satisfied       whether the final score reaches the threshold of basic satisfaction, or null while there is
 *                        no survey response
 */
public record Score(BigDecimal baseScore, int totalDeductions, BigDecimal finalScore, Boolean satisfied) {
}
