package com.servicedesk.fieldservice.command;

import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.FaultCause;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The warranty (三包) rule of DOMAIN.md as a table: period, every cause, missing delivery date. */
class FieldServicePolicyTest {
    static final FieldServicePolicy POLICY = new FieldServicePolicy(Period.ofMonths(12), Duration.ofHours(48), 0.75,
            ZoneId.of("Asia/Shanghai"));

    @ParameterizedTest(name = "delivered {0}, reported {1} ({2}) → {3}, warranty ends {4}")
    @CsvSource({
            // inside, well within
            "2025-03-01, 2025-09-10T02:00:00Z, PRODUCT_DEFECT, IN_WARRANTY, 2026-02-28",
            // the last day of the 12 months is covered ...
            "2025-03-01, 2026-02-28T15:59:59Z, PRODUCT_DEFECT, IN_WARRANTY, 2026-02-28",
            // ... the anniversary is not (Shanghai date 2026-03-01, 00:00 local)
            "2025-03-01, 2026-02-28T16:00:00Z, PRODUCT_DEFECT, PAID, 2026-02-28",
            // the local date decides: 2026-02-28T17:00Z is already 1 March in Shanghai
            "2025-03-01, 2026-02-28T17:00:00Z, WEAR, PAID, 2026-02-28",
            // well outside
            "2024-01-15, 2026-11-20T07:00:00Z, PRODUCT_DEFECT, PAID, 2025-01-14",
            // every cause but misuse is free inside the period
            "2026-06-01, 2026-11-20T07:00:00Z, INSTALLATION, IN_WARRANTY, 2027-05-31",
            "2026-06-01, 2026-11-20T07:00:00Z, WEAR, IN_WARRANTY, 2027-05-31",
            "2026-06-01, 2026-11-20T07:00:00Z, UNKNOWN, IN_WARRANTY, 2027-05-31",
            // misuse is always paid, inside or outside
            "2026-06-01, 2026-11-20T07:00:00Z, CUSTOMER_MISUSE, PAID, 2027-05-31",
            "2024-01-15, 2026-11-20T07:00:00Z, CUSTOMER_MISUSE, PAID, 2025-01-14",
            // delivered on 29 February: 12 months end on 27 February of the next year
            "2024-02-29, 2025-02-27T10:00:00Z, PRODUCT_DEFECT, IN_WARRANTY, 2025-02-27",
            "2024-02-29, 2025-02-28T10:00:00Z, PRODUCT_DEFECT, PAID, 2025-02-27",
    })
    void warrantyTable(LocalDate delivered, Instant reported, FaultCause cause, Billing billing, LocalDate endsOn) {
        FieldServicePolicy.WarrantyDecision decision = POLICY.warranty(delivered, reported, cause);

        assertThat(decision.billing()).isEqualTo(billing);
        assertThat(decision.warrantyEndsOn()).isEqualTo(endsOn);
        assertThat(decision.reason()).isNotBlank();
    }

    /** Decided: without a delivery date the warranty cannot be established, whatever the cause. */
    @ParameterizedTest
    @EnumSource(FaultCause.class)
    void withoutDeliveryDateTheServiceIsPaid(FaultCause cause) {
        FieldServicePolicy.WarrantyDecision decision = POLICY.warranty(null, Instant.parse("2026-11-20T07:00:00Z"), cause);

        assertThat(decision.billing()).isEqualTo(Billing.PAID);
        assertThat(decision.warrantyEndsOn()).isNull();
        assertThat(decision.reason()).contains("no delivery date");
    }

    @ParameterizedTest
    @CsvSource({"6, 2025-03-01, 2025-08-31", "24, 2025-03-01, 2027-02-28"})
    void thePeriodIsConfiguration(int months, LocalDate delivered, LocalDate endsOn) {
        FieldServicePolicy policy = new FieldServicePolicy(Period.ofMonths(months), Duration.ofHours(48), 0.75, ZoneId.of("Asia/Shanghai"));

        assertThat(policy.warranty(delivered, Instant.parse("2025-03-02T00:00:00Z"), FaultCause.WEAR).warrantyEndsOn()).isEqualTo(endsOn);
    }
}
