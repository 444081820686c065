package com.servicedesk.satisfaction.config;

import com.servicedesk.satisfaction.command.ScoringPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
public class SatisfactionConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public ScoringPolicy scoringPolicy(SurveyProperties survey, ScorecardProperties scorecard, CalendarProperties calendar) {
        return new ScoringPolicy(survey.items(), survey.levels(), scorecard.deductions(), scorecard.satisfiedThreshold(), calendar.zone());
    }
}
