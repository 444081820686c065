package com.servicedesk.satisfaction.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/**
 * The calendar zone every service shares ({@code servicedesk.calendar.zone}): a complaint belongs to the scorecard of
 * the year it was received in this zone, a survey response to the year it was answered in this zone.
 */
@ConfigurationProperties("servicedesk.calendar")
public record CalendarProperties(@DefaultValue("Asia/Shanghai") ZoneId zone) {
}
