package com.servicedesk.satisfaction.config;

import com.servicedesk.events.intake.ComplaintCategory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScorecardPropertiesTest {

    @Test
    void shippedConfigurationDeductsTenForProductQualityDeliveryAndServiceFiveOtherwiseAndSatisfiesAtSeventy() {
        ScorecardProperties scorecard = ShippedConfiguration.bind("servicedesk.scorecard", ScorecardProperties.class);

        assertThat(scorecard.deductions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                ComplaintCategory.PRODUCT_QUALITY, 10, ComplaintCategory.DELIVERY, 10, ComplaintCategory.SERVICE, 10,
                ComplaintCategory.DOCUMENTATION, 5, ComplaintCategory.OTHER, 5));
        assertThat(scorecard.satisfiedThreshold()).isEqualByComparingTo("70");
        assertThat(ShippedConfiguration.bind("servicedesk.calendar", CalendarProperties.class).zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aCategoryWithoutPointsOrAThresholdOutsideTheScaleStopsTheService() {
        assertThatThrownBy(() -> new ScorecardProperties(Map.of(ComplaintCategory.PRODUCT_QUALITY, 10), new BigDecimal("101")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("servicedesk.scorecard.deductions.DELIVERY is null")
                .hasMessageContaining("servicedesk.scorecard.deductions.OTHER is null")
                .hasMessageContaining("satisfied-threshold is 101");
    }
}
