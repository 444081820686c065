package com.servicedesk.intake.config;

import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.intake.command.RecordSlaStateCommand;
import com.servicedesk.intake.command.SlaPolicy;
import com.servicedesk.intake.command.WorkingCalendar;
import com.servicedesk.platform.deadline.DeadlineCommandFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Set;

@Configuration
public class IntakeConfiguration {

    /** The SLA clocks in platform's deadline index are named after {@link SlaClock}. */
    @Bean
    public DeadlineCommandFactory slaStateCommands() {
        return (complaintId, clock, stage) -> new RecordSlaStateCommand(complaintId, SlaClock.valueOf(clock), stage);
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
