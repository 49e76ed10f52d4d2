package com.smartlinkauto.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;
import com.smartlinkauto.testsupport.security.TestTokens;

/**
 * The controller on a random port with config-repo's configuration, a throw-away PostgreSQL database and
 * an embedded Kafka, plus short liveness timeouts; real storage-node processes come from
 * {@link StorageNodes}. Every IT class carries exactly this annotation, so they share one context (and
 * one set of nodes).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IntegrationTest
@Import(TestTokens.Decoder.class)
@TestPropertySource(properties = {
        "spring.config.import=file:../config-repo/application.yml,file:../config-repo/storage-controller-service.yml",
        "smartlink.storage.liveness.stale-after=3s",
        "smartlink.storage.liveness.dead-after=6s",
        "smartlink.storage.liveness.check-interval=250ms",
        // no sweep during a test: every repair the tests wait for must come from a wake-up
        "smartlink.storage.repair.interval=1h",
        "smartlink.storage.repair.tick=100ms",
        "smartlink.storage.repair.backoff=500ms",
        "smartlink.storage.gc.interval=1s",
        "smartlink.storage.gc.grace=1s" })
public @interface StorageControllerIT {
}
