package com.servicedesk.satisfaction.command;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.satisfaction.ItemScore;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.platform.validation.Violations;
import com.servicedesk.satisfaction.config.SurveyProperties;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a scorecard is scored (DOMAIN.md, Satisfaction scorecard), with the numbers from configuration: item weights F,
 * level coefficients X, deduction points per complaint category and the threshold of basic satisfaction.
 * <p>
 * Arithmetic is decimal: an item scores {@code F × X}, the base score is the exact sum rounded once to two decimals
 * (half up), the final score {@code max(0, S − deductions)}.
 */
public class ScoringPolicy {
    static final int SCALE = 2;

    private final Map<String, SurveyProperties.Item> items = new LinkedHashMap<>();
    private final Map<String, BigDecimal> levels = new LinkedHashMap<>();
    private final Map<ComplaintCategory, Integer> deductionPoints;
    private final BigDecimal satisfiedThreshold;
    private final ZoneId zone;

    public ScoringPolicy(List<SurveyProperties.Item> items, Map<String, Double> levels,
                         Map<ComplaintCategory, Integer> deductionPoints, BigDecimal satisfiedThreshold, ZoneId zone) {
        items.forEach(item -> this.items.put(item.code(), item));
        // valueOf keeps the configured digits: 0.9 is 0.9, not the binary double nearest to it
        levels.forEach((level, coefficient) -> this.levels.put(level, BigDecimal.valueOf(coefficient)));
        this.deductionPoints = new EnumMap<>(deductionPoints);
        this.satisfiedThreshold = satisfiedThreshold;
        this.zone = zone;
    }

    /** Every item answered, nothing else, each with a known level; each offending answer named as {@code answers.<CODE>}. */
    void checkAnswers(Map<String, String> answers, Violations violations) {
        if (answers == null || answers.isEmpty()) {
            violations.add("answers", "is required: one level for each of the " + items.size() + " survey items");
            return;
        }
        items.keySet().stream().filter(code -> !answers.containsKey(code))
                .forEach(code -> violations.add("answers." + code, "is required"));
        answers.forEach((code, level) -> {
            if (!items.containsKey(code)) {
                violations.add("answers." + code, "is not a survey item; the items are " + String.join(", ", items.keySet()));
            } else if (level == null || !levels.containsKey(level)) {
                violations.add("answers." + code, "is not a level; the levels are " + String.join(", ", levels.keySet()));
            }
        });
    }

    /** The scored items in survey order; {@code answers} must have passed {@link #checkAnswers}. */
    List<ItemScore> itemScores(Map<String, String> answers) {
        List<ItemScore> scores = new ArrayList<>();
        items.values().forEach(item -> {
            String level = answers.get(item.code());
            scores.add(new ItemScore(item.code(), item.name(), item.weight(), level, levels.get(level),
                    exactScore(item, level).setScale(SCALE, RoundingMode.HALF_UP)));
        });
        return scores;
    }

    /** {@code S = Σ F × X}; {@code answers} must have passed {@link #checkAnswers}. */
    BigDecimal baseScore(Map<String, String> answers) {
        return items.values().stream().map(item -> exactScore(item, answers.get(item.code())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(SCALE, RoundingMode.HALF_UP);
    }

    private BigDecimal exactScore(SurveyProperties.Item item, String level) {
        return BigDecimal.valueOf(item.weight()).multiply(levels.get(level));
    }

    int deductionPoints(ComplaintCategory category) {
        return deductionPoints.get(category);
    }

    /** The scorecard's result; without a survey response ({@code baseScore} null) only the deductions are known. */
    Score score(BigDecimal baseScore, int totalDeductions) {
        if (baseScore == null) {
            return new Score(null, totalDeductions, null, null);
        }
        BigDecimal finalScore = baseScore.subtract(BigDecimal.valueOf(totalDeductions)).max(BigDecimal.ZERO)
                .setScale(SCALE, RoundingMode.HALF_UP);
        return new Score(baseScore, totalDeductions, finalScore, finalScore.compareTo(satisfiedThreshold) >= 0);
    }

    /** The calendar year an instant falls in, in the calendar zone: a complaint's receipt, a survey's response. */
    public int yearOf(Instant instant) {
        return instant.atZone(zone).getYear();
    }

    ZoneId zone() {
        return zone;
    }
}
