package com.smartlinkauto.servicedefaults.jobs;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Scheduled jobs of a service with a database: scheduling on, and a ShedLock {@link LockProvider} on
 * the service's {@code shedlock} table (timed by the database clock) so that a job annotated
 * {@code @SchedulerLock} runs on one instance at a time. A service that also has Spring Modulith's
 * event publication registry (the transactional outbox) gets {@link OutboxResubmissionJob}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcTemplateLockProvider.class, EnableSchedulerLock.class, JdbcTemplate.class })
@ConditionalOnBean(DataSource.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class JobDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.modulith.events.core.EventPublicationRegistry")
    static class Outbox {

        @Bean
        @ConditionalOnMissingBean
        OutboxResubmissionJob outboxResubmissionJob(FailedEventPublications failed) {
            return new OutboxResubmissionJob(failed);
        }
    }
}
