package com.servicedesk.intake.command;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** The shipped 2026 example of application.yml, in code for the tests, plus New Year's Day 2027. */
final class CalendarFixtures {
    static final Set<LocalDate> HOLIDAYS_2026_2027 = new HashSet<>();
    static final Set<LocalDate> MAKE_UP_DAYS_2026 = Set.of(
            LocalDate.of(2026, 1, 4), LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28),
            LocalDate.of(2026, 5, 9), LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10));

    static {
        range(2026, 1, 1, 3);
        range(2026, 2, 15, 23);
        range(2026, 4, 4, 6);
        range(2026, 5, 1, 5);
        range(2026, 6, 19, 21);
        range(2026, 9, 25, 27);
        range(2026, 10, 1, 7);
        range(2027, 1, 1, 1);
    }

    private CalendarFixtures() {
    }

    private static void range(int year, int month, int from, int to) {
        for (int day = from; day <= to; day++) {
            HOLIDAYS_2026_2027.add(LocalDate.of(year, month, day));
        }
    }
}
