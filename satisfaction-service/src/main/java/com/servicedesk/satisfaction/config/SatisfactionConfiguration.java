package com.servicedesk.satisfaction.config;

import com.servicedesk.satisfaction.command.ScoringPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class SatisfactionConfiguration {

    @Bean
    public ScoringPolicy scoringPolicy(SurveyProperties survey, ScorecardProperties scorecard, CalendarProperties calendar) {
        return new ScoringPolicy(survey.items(), survey.levels(), scorecard.deductions(), scorecard.satisfiedThreshold(), calendar.zone());
    }
}
