package com.smartlinkauto.servicedefaults.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

class JobDefaultsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JobDefaultsAutoConfiguration.class));

    @Test
    void aServiceWithADatabaseGetsAJdbcLockProvider() {
        runner.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"))
                .run(context -> assertThat(context).getBean(LockProvider.class)
                        .isInstanceOf(JdbcTemplateLockProvider.class));
    }

    @Test
    void aServiceWithoutADatabaseGetsNone() {
        runner.run(context -> assertThat(context).doesNotHaveBean(LockProvider.class)
                .doesNotHaveBean(OutboxResubmissionJob.class));
    }
}
