package com.servicedesk.intake.config;

import com.servicedesk.intake.command.SlaPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
public class IntakeConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public SlaPolicy slaPolicy(SlaProperties properties, CalendarProperties calendar) {
        return new SlaPolicy(properties.acknowledge(), properties.reply(), calendar.zone());
    }
}
