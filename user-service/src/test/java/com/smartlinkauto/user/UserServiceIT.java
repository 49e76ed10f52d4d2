package com.smartlinkauto.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;

/**
 * user-service on a random port with the configuration shipped in config-repo/, against a throw-away
 * PostgreSQL database, local Redis and an embedded KRaft Kafka. Every IT class carries exactly this
 * annotation and nothing else that shapes the context, so they all share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IntegrationTest
@TestPropertySource(properties = {
        "spring.config.import=file:../config-repo/application.yml,file:../config-repo/user-service.yml",
        "smartlink.admin.email=" + Api.ADMIN_EMAIL,
        "smartlink.admin.password=" + Api.ADMIN_PASSWORD,
        "smartlink.users.keys.encryption-secret=integration-test-key-encryption-secret",
        "smartlink.users.service-clients.secrets=" + Api.SERVICE_CLIENTS })
public @interface UserServiceIT {
}
