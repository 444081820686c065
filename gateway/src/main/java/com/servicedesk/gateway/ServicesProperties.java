package com.servicedesk.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.Map;

/** Where each service listens; the routes and the aggregated health use the same map. */
@ConfigurationProperties("servicedesk")
public record ServicesProperties(Map<String, URI> services) {
}
