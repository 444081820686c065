package com.servicedesk.platform.idempotency;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.time.Duration;

/**
 * {@link Idempotent} for every servlet service with a database: the key table (created here, idempotently), the
 * filter that keeps bodies and the interceptor that claims, replays and stores.
 * {@code servicedesk.idempotency.retention} (24 h) is how long a key is remembered;
 * {@code servicedesk.idempotency.claim-timeout} (5 min, far beyond any request's time) when a claim whose request
 * never finished (a crashed instance) is given up.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JdbcTemplate.class)
public class PlatformIdempotencyAutoConfiguration {

    @Bean
    public IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc,
                                           @Value("${servicedesk.idempotency.retention:24h}") Duration retention,
                                           @Value("${servicedesk.idempotency.claim-timeout:5m}") Duration claimTimeout,
                                           Clock clock) {
        new ResourceDatabasePopulator(new ClassPathResource(IdempotencyKeys.SCHEMA)).execute(jdbc.getDataSource());
        return new IdempotencyKeys(jdbc, retention, claimTimeout, clock);
    }

    /** Inside the 64 KiB limit (which runs first), so reading a body for its hash is bounded too. */
    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter() {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    public WebMvcConfigurer idempotencyInterceptorConfigurer(IdempotencyKeys keys) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new IdempotencyInterceptor(keys));
            }
        };
    }
}
