package com.servicedesk.platform.web;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
public class PlatformWebAutoConfiguration {

    /** Runs before security: a 70 KB body is refused without being read, token or not. */
    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${servicedesk.web.max-body-size:64KB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxBodySize.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Where each request's time went, as a {@code Server-Timing} header ({@link ServerTiming}); the local stack turns it
     * on, a deployment leaves it off unless it wants clients to see it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "servicedesk.web.server-timing", havingValue = "true")
    static class ServerTimingHeaders {
        @Bean
        FilterRegistrationBean<ServerTimingFilter> serverTimingFilter() {
            FilterRegistrationBean<ServerTimingFilter> registration = new FilterRegistrationBean<>(new ServerTimingFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        ServerTimingAdvice serverTimingAdvice() {
            return new ServerTimingAdvice();
        }
    }

    /** Strings in request bodies are text: see {@link ValidTextDeserializer}. Boot adds every module bean to its mapper. */
    @Bean
    public JacksonModule validTextModule() {
        return new SimpleModule("servicedesk-valid-text").addDeserializer(String.class, new ValidTextDeserializer());
    }

    /**
     * Requests Tomcat refuses itself (a malformed path) answer problem+json too: its host's error report valve is
     * replaced by {@link ProblemErrorReportValve}. The host adds its default valve when it starts, just before it
     * starts our context, hence the swap at that moment.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrorReports {
        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
            return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    Pipeline pipeline = host.getPipeline();
                    boolean ours = false;
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ProblemErrorReportValve) {
                            ours = true;
                        } else if (valve instanceof ErrorReportValve) {
                            pipeline.removeValve(valve);
                        }
                    }
                    if (!ours) {
                        pipeline.addValve(new ProblemErrorReportValve());
                    }
                }
            }));
        }
    }
}
