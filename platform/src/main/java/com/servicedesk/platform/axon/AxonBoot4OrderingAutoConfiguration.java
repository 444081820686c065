package com.servicedesk.platform.axon;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Empty on purpose. Axon 4.13 orders its JDBC and transaction auto-configurations after Boot 3's class names; Boot 4
 * moved them, so without this Axon evaluates its conditions before the DataSource exists and silently runs with
 * {@code NoTransactionManager} and an in-memory token store. Sorting is transitive: being after Boot's JDBC set-up and
 * before Axon's puts Axon's after Boot's. {@code AxonWiringTest} asserts what Axon really uses.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"},
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration"})
public class AxonBoot4OrderingAutoConfiguration {
}
