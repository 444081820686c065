package com.servicedesk.intake.command;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties every deadline must have, on the 2026 calendar, for receipts from 2025 to 2028. */
class WorkingCalendarPropertiesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final WorkingCalendar CALENDAR = new WorkingCalendar(SHANGHAI, CalendarFixtures.HOLIDAYS_2026_2027, CalendarFixtures.MAKE_UP_DAYS_2026);

    @Property(tries = 2000)
    void deadlineIsTheEndOfAWorkingDayLaterThanTheReceipt(
            @ForAll @LongRange(min = 1_735_689_600L, max = 1_861_920_000L) long epochSecond,
            @ForAll @IntRange(min = 1, max = 10) int workingDays) {
        Instant receivedAt = Instant.ofEpochSecond(epochSecond);

        Instant deadline = CALENDAR.endOfWorkingDaysAfter(receivedAt, workingDays);

        assertThat(deadline).isAfter(receivedAt);
        // 24:00 local of a working day = 00:00 local of the next date
        assertThat(deadline.atZone(SHANGHAI).toLocalTime().toSecondOfDay()).isZero();
        LocalDate lastDay = deadline.atZone(SHANGHAI).toLocalDate().minusDays(1);
        assertThat(CALENDAR.isWorkingDay(lastDay)).as(lastDay + " is a working day").isTrue();
        // exactly N working days lie strictly after the receipt's date, up to and including the last day
        int counted = 0;
        for (LocalDate day = receivedAt.atZone(SHANGHAI).toLocalDate().plusDays(1); !day.isAfter(lastDay); day = day.plusDays(1)) {
            counted += CALENDAR.isWorkingDay(day) ? 1 : 0;
        }
        assertThat(counted).isEqualTo(workingDays);
    }

    @Property(tries = 1000)
    void deadlineGrowsWithTheNumberOfWorkingDays(
            @ForAll @LongRange(min = 1_735_689_600L, max = 1_861_920_000L) long epochSecond,
            @ForAll @IntRange(min = 1, max = 9) int workingDays) {
        Instant receivedAt = Instant.ofEpochSecond(epochSecond);
        assertThat(CALENDAR.endOfWorkingDaysAfter(receivedAt, workingDays + 1))
                .isAfter(CALENDAR.endOfWorkingDaysAfter(receivedAt, workingDays));
    }

    @Property(tries = 1000)
    void aLaterReceiptNeverHasAnEarlierDeadline(
            @ForAll @LongRange(min = 1_735_689_600L, max = 1_861_920_000L) long epochSecond,
            @ForAll @LongRange(min = 0, max = 604_800) long laterBySeconds,
            @ForAll @IntRange(min = 1, max = 5) int workingDays) {
        Instant receivedAt = Instant.ofEpochSecond(epochSecond);
        assertThat(CALENDAR.endOfWorkingDaysAfter(receivedAt.plusSeconds(laterBySeconds), workingDays))
                .isAfterOrEqualTo(CALENDAR.endOfWorkingDaysAfter(receivedAt, workingDays));
    }
}
