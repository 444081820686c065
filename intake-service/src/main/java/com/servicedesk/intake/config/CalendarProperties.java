package com.servicedesk.intake.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/** The working-day calendar (DOMAIN.md). @param zone where local dates and the end of a day are taken */
@ConfigurationProperties("servicedesk.calendar")
public record CalendarProperties(@DefaultValue("Asia/Shanghai") ZoneId zone) {
}
