package com.servicedesk.intake.command;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked on-site deadlines on the 2026 calendar of the People's Republic of China (the shipped example), plus New Year
 * 2027. Each row: the receipt in local time (Asia/Shanghai), the working days allowed (1 in-province, 3 out), and the
 * local date whose end (24:00) is the deadline.
 */
class WorkingCalendarTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final WorkingCalendar CHINA_2026 = new WorkingCalendar(SHANGHAI, CalendarFixtures.HOLIDAYS_2026_2027, CalendarFixtures.MAKE_UP_DAYS_2026);

    @ParameterizedTest(name = "{0} + {2} working day(s) → end of {3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-20T15:00    | local   | 1 | 2026-11-23 | Friday afternoon: end of Monday (DOMAIN.md's own example)
            2026-11-21T10:00    | local   | 1 | 2026-11-23 | Saturday: also end of Monday
            2026-11-22T20:00    | local   | 1 | 2026-11-23 | Sunday evening: end of Monday
            2026-11-23T09:00    | local   | 1 | 2026-11-24 | Monday morning: end of Tuesday, never the same day
            2026-11-23T23:59:59 | local   | 1 | 2026-11-24 | late evening still counts from its own date
            2026-11-20T15:00    | local   | 3 | 2026-11-25 | out of province over a weekend
            2026-11-22T17:30    | utc     | 1 | 2026-11-24 | 17:30 UTC Sunday is 01:30 Monday in Shanghai: the local date counts
            2026-09-30T10:00    | local   | 1 | 2026-10-08 | the eve of National Day: the holiday week is skipped
            2026-10-01T12:00    | local   | 1 | 2026-10-08 | received on a holiday
            2026-10-09T16:00    | local   | 1 | 2026-10-10 | make-up Saturday after National Day is a working day
            2026-09-19T11:00    | local   | 1 | 2026-09-20 | make-up Sunday before National Day is a working day
            2026-02-13T10:00    | local   | 3 | 2026-02-25 | Spring Festival: make-up Sat 14th, holidays 15th-23rd, then 24th and 25th
            2026-12-31T16:00    | local   | 1 | 2027-01-04 | year end: New Year's Day 2027 and the weekend skipped
            2026-12-31T16:00    | local   | 3 | 2027-01-06 | year end, out of province
            2026-04-03T09:00    | local   | 1 | 2026-04-07 | Qingming: Saturday 4th to Monday 6th off
            2026-05-08T09:00    | local   | 1 | 2026-05-09 | make-up Saturday after Labour Day
            """)
    void onSiteDeadline(String receipt, String zone, int workingDays, LocalDate lastDay, String why) {
        Instant receivedAt = zone.equals("utc")
                ? LocalDateTime.parse(receipt).atZone(ZoneId.of("UTC")).toInstant()
                : LocalDateTime.parse(receipt).atZone(SHANGHAI).toInstant();

        Instant deadline = CHINA_2026.endOfWorkingDaysAfter(receivedAt, workingDays);

        assertThat(deadline).as(why).isEqualTo(lastDay.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
    }

    @ParameterizedTest(name = "{0} is a working day: {1}")
    @CsvSource({"2026-11-23,true", "2026-11-21,false", "2026-10-01,false", "2026-10-10,true", "2026-01-04,true", "2026-02-16,false"})
    void workingDays(LocalDate day, boolean working) {
        assertThat(CHINA_2026.isWorkingDay(day)).isEqualTo(working);
    }

    @org.junit.jupiter.api.Test
    void aCalendarWithoutWorkingDaysIsRefusedInsteadOfLoopingForever() {
        Set<LocalDate> everyDay = new java.util.HashSet<>();
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() < 2028; d = d.plusDays(1)) {
            everyDay.add(d);
        }
        WorkingCalendar broken = new WorkingCalendar(SHANGHAI, everyDay, Set.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.endOfWorkingDaysAfter(Instant.parse("2026-06-01T00:00:00Z"), 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("servicedesk.calendar.holidays");
    }
}
