package com.servicedesk.platform.deadline;

import com.servicedesk.platform.axon.CommandDispatcher;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * Durable clocks for any service that declares a {@link DeadlineCommandFactory}: the {@link Deadlines} index (its
 * table created here, idempotently) and the {@link DeadlineWatch} sweeping it every
 * {@code servicedesk.deadlines.watch-interval} (default 5 s, so an event is raised at most about 5 s late).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "com.servicedesk.platform.axon.PlatformAxonAutoConfiguration"})
@ConditionalOnBean(DeadlineCommandFactory.class)
@EnableScheduling
public class PlatformDeadlineAutoConfiguration {

    @Bean
    public Deadlines deadlines(JdbcTemplate jdbc) {
        new ResourceDatabasePopulator(new ClassPathResource("db/deadline-schema.sql")).execute(jdbc.getDataSource());
        return new Deadlines(jdbc);
    }

    @Bean
    public DeadlineWatch deadlineWatch(JdbcTemplate jdbc, CommandDispatcher commands, DeadlineCommandFactory factory, Clock clock) {
        return new DeadlineWatch(jdbc, commands, factory, clock);
    }
}
