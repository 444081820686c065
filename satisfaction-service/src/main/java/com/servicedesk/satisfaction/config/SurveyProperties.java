package com.servicedesk.satisfaction.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survey (seed 002 §4.7, appendix): 14 items, each with a weight F, and 7 levels with a coefficient X.
 * Weights must sum to 100 so that a perfect survey scores exactly 100; a configuration that breaks this stops the
 * service at start-up rather than scoring customers on a wrong scale.
 */
@ConfigurationProperties("servicedesk.survey")
public record SurveyProperties(List<Item> items, Map<String, Double> levels) {
    public static final int TOTAL_WEIGHT = 100;

    public record Item(String code, String name, int weight) {
    }

    public SurveyProperties {
        items = items == null ? List.of() : List.copyOf(items);
        levels = levels == null ? Map.of() : new LinkedHashMap<>(levels);
        List<String> problems = new ArrayList<>();
        int total = items.stream().mapToInt(Item::weight).sum();
        if (total != TOTAL_WEIGHT) {
            problems.add("the weights of servicedesk.survey.items sum to " + total + ", they must sum to " + TOTAL_WEIGHT);
        }
        if (items.stream().map(Item::code).distinct().count() != items.size()) {
            problems.add("servicedesk.survey.items has a code twice");
        }
        items.stream().filter(item -> item.weight() <= 0).forEach(item ->
                problems.add("servicedesk.survey.items " + item.code() + " has weight " + item.weight() + "; weights must be positive"));
        levels.forEach((level, coefficient) -> {
            if (coefficient == null || coefficient < 0 || coefficient > 1) {
                problems.add("servicedesk.survey.levels." + level + " is " + coefficient + "; coefficients lie between 0 and 1");
            }
        });
        if (levels.isEmpty()) {
            problems.add("servicedesk.survey.levels is empty");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid survey configuration: " + String.join("; ", problems));
        }
    }
}
