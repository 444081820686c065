package com.servicedesk.quality.config;

import com.servicedesk.platform.deadline.DeadlineCommandFactory;
import com.servicedesk.quality.command.CapaPolicy;
import com.servicedesk.quality.command.RecordActionOverdueCommand;
import com.servicedesk.quality.command.CapaActionDeadlineProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

@Configuration
public class QualityConfiguration {

    @Bean
    public CapaPolicy capaPolicy(@Value("${servicedesk.calendar.zone:Asia/Shanghai}") ZoneId zone) {
        return new CapaPolicy(zone);
    }

    /** The clocks quality keeps in platform's deadline index are its actions' due times, one per action. */
    @Bean
    public DeadlineCommandFactory actionOverdueCommands() {
        return (capaId, clock, stage) -> new RecordActionOverdueCommand(capaId, CapaActionDeadlineProjection.actionIdOf(clock));
    }
}
