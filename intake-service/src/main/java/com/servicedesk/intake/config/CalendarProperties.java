package com.servicedesk.intake.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The working-day calendar (DOMAIN.md). Changing it affects only clocks started afterwards: every deadline is computed
 * once, when its clock starts, and stored in that event; a clock already running keeps its deadline.
 *
 * @param zone             where local dates and the end of a day are taken
 * @param holidays         public holidays (weekdays off; weekend dates listed here change nothing)
 * @param extraWorkingDays make-up working days (调休上班): a Saturday or Sunday declared a working day
 */
@ConfigurationProperties("servicedesk.calendar")
public record CalendarProperties(
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue({}) List<LocalDate> holidays,
        @DefaultValue({}) List<LocalDate> extraWorkingDays) {
}
