package com.servicedesk.intake.config;

import com.servicedesk.intake.command.SlaPolicy;
import com.servicedesk.intake.command.WorkingCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Set;

@Configuration
public class IntakeConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public WorkingCalendar workingCalendar(CalendarProperties calendar) {
        return new WorkingCalendar(calendar.zone(), Set.copyOf(calendar.holidays()), Set.copyOf(calendar.extraWorkingDays()));
    }

    @Bean
    public SlaPolicy slaPolicy(SlaProperties sla, WorkingCalendar calendar) {
        return new SlaPolicy(sla.acknowledge(), sla.reply(), sla.onSite().inProvinceWorkingDays(),
                sla.onSite().outOfProvinceWorkingDays(), sla.atRiskFraction(), calendar);
    }
}
