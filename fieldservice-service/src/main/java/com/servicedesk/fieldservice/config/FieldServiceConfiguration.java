package com.servicedesk.fieldservice.config;

import com.servicedesk.fieldservice.command.FieldServicePolicy;
import com.servicedesk.fieldservice.command.RecordReportDeadlineCommand;
import com.servicedesk.platform.deadline.DeadlineCommandFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

@Configuration
public class FieldServiceConfiguration {

    @Bean
    public FieldServicePolicy fieldServicePolicy(FieldServiceProperties properties,
                                                 @Value("${servicedesk.calendar.zone:Asia/Shanghai}") ZoneId zone) {
        return new FieldServicePolicy(properties.warrantyPeriod(), properties.reportDue(), properties.atRiskFraction(), zone);
    }

    /** The only clock field service keeps in platform's deadline index is the service report's. */
    @Bean
    public DeadlineCommandFactory reportDeadlineCommands() {
        return (serviceOrderId, clock, stage) -> new RecordReportDeadlineCommand(serviceOrderId, stage);
    }
}
