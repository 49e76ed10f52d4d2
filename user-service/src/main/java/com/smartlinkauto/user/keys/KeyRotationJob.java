package com.smartlinkauto.user.keys;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Rotates the signing key once it reaches {@code smartlink.users.keys.max-age}. */
@Component
class KeyRotationJob {

    private final SigningKeyStore keys;
    private final KeyProperties properties;

    KeyRotationJob(SigningKeyStore keys, KeyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${smartlink.users.keys.rotation-check-interval:1h}", initialDelayString = "1m")
    @SchedulerLock(name = "user-service.signing-key-rotation", lockAtMostFor = "10m")
    void rotateWhenTooOld() {
        keys.rotateIfOlderThan(properties.maxAge());
    }
}
