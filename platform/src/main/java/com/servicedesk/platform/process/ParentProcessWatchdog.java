package com.servicedesk.platform.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Value;

import java.util.Optional;

/**
 * When the local stack starts a service as its child, the child ends itself if the parent dies, even by kill -9:
 * otherwise orphans would keep the ports and the next start would fail.
 */
@AutoConfiguration
@ConditionalOnProperty("servicedesk.parent-pid")
public class ParentProcessWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    @Bean
    public Object parentProcessWatch(@Value("${servicedesk.parent-pid}") long parentPid, ApplicationContext context) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            LOG.warn("parent process {} is already gone; stopping", parentPid);
            System.exit(SpringApplication.exit(context, () -> 1));
        }
        parent.get().onExit().thenRun(() -> {
            LOG.warn("parent process {} ended; stopping", parentPid);
            System.exit(SpringApplication.exit(context, () -> 1));
        });
        return parent.get();
    }
}
