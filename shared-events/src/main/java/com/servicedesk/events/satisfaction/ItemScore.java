package com.servicedesk.events.satisfaction;

import java.math.BigDecimal;

/**
 * One answered survey item with the weight F and coefficient X in force when it was recorded, so a later change of
 * the survey configuration never rewrites history.
 *
 * @param score F × X with two decimals
 */
public record ItemScore(String code, String name, int weight, String level, BigDecimal coefficient, BigDecimal score) {
}
