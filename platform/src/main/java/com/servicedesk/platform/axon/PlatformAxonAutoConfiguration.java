package com.servicedesk.platform.axon;

import com.servicedesk.platform.web.ServerTiming;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Axon on PostgreSQL as shared/STACK.md prescribes: JDBC event store with a gap-aware global sequence, Jackson
 * serializer with its own mapper, audit metadata on every event, and handler errors that stop a processor instead of
 * being logged and skipped.
 */
@AutoConfiguration(
        after = AxonBoot4OrderingAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = {
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@PropertySource("classpath:servicedesk-platform-defaults.properties")
public class PlatformAxonAutoConfiguration {
    /** PostgreSQL's SQLState for a unique violation: two writers appended the same aggregate sequence. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    @Primary
    public Serializer serializer() {
        return AxonJson.serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return AxonJson.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return AxonJson.serializer();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(DataSource dataSource,
                                                 TransactionManager transactionManager,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer,
                                                 @Value("${servicedesk.event-store.gap-timeout-ms:60000}") int gapTimeoutMs,
                                                 @Value("${servicedesk.event-store.batch-size:500}") int batchSize) {
        // the store must exist before any processor reads it; the script is idempotent
        new ResourceDatabasePopulator(new ClassPathResource("db/axon-schema.sql")).execute(dataSource);
        ResourceDatabasePopulator hashChain = new ResourceDatabasePopulator(new ClassPathResource("db/audit-schema.sql"));
        hashChain.setSeparator(ScriptUtils.EOF_STATEMENT_SEPARATOR); // function bodies hold semicolons
        hashChain.execute(dataSource);
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .lowestGlobalSequence(1)
                .extendedGapCheckEnabled(true)
                .gapTimeout(gapTimeoutMs)
                .batchSize(batchSize)
                .build();
    }

    @Bean
    public CorrelationDataProvider auditCorrelationDataProvider() {
        return new AuditCorrelationDataProvider();
    }

    /** A failing event handler stops its segment and is retried; it is never logged and skipped. */
    @Bean
    public ConfigurerModule propagatingEventHandlerErrors() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Marks a command's phases for the {@code Server-Timing} header: {@code handle} once the aggregate has decided
     * (its events about to be stored), {@code store} once they are inserted and committed.
     */
    @Bean
    @ConditionalOnProperty(name = "servicedesk.web.server-timing", havingValue = "true")
    public SmartInitializingSingleton serverTimingPhases(CommandBus commandBus) {
        return () -> commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.onPrepareCommit(u -> ServerTiming.mark("handle"));
            unitOfWork.afterCommit(u -> ServerTiming.mark("store"));
            return chain.proceed();
        });
    }

    /** The time aggregates and watches read; a test may declare its own. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public CommandDispatcher commandDispatcher(CommandGateway commandGateway) {
        return new CommandDispatcher(commandGateway);
    }
}
