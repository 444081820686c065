package com.servicedesk.satisfaction.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyPropertiesTest {

    @Test
    void shippedConfigurationHasFourteenItemsWeighingOneHundredAndSevenLevels() {
        SurveyProperties survey = ShippedConfiguration.bind("servicedesk.survey", SurveyProperties.class);

        assertThat(survey.items()).hasSize(14);
        assertThat(survey.items().stream().mapToInt(SurveyProperties.Item::weight).sum()).isEqualTo(100);
        assertThat(survey.items()).extracting(SurveyProperties.Item::code).contains("PRODUCT_QUALITY", "COMMUNICATION");
        assertThat(survey.levels()).hasSize(7).containsEntry("VERY_SATISFIED", 1.0).containsEntry("NEUTRAL", 0.6)
                .containsEntry("VERY_DISSATISFIED", 0.0);
    }

    @Test
    void weightsThatDoNotSumToOneHundredStopTheServiceWithAClearMessage() {
        assertThatThrownBy(() -> new SurveyProperties(
                List.of(new SurveyProperties.Item("A", "a", 60), new SurveyProperties.Item("B", "b", 30)),
                Map.of("VERY_SATISFIED", 1.0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sum to 90, they must sum to 100");
    }

    @Test
    void coefficientsOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new SurveyProperties(List.of(new SurveyProperties.Item("A", "a", 100)), Map.of("GOOD", 1.5)))
                .hasMessageContaining("servicedesk.survey.levels.GOOD is 1.5");
    }
}
