package com.smartlinkauto.storage.config;

import java.time.Duration;

import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Sends again the outbox entries whose publication to Kafka failed (broker down, timeout). */
@Component
class OutboxResubmissionJob {

    private final FailedEventPublications failed;

    OutboxResubmissionJob(FailedEventPublications failed) {
        this.failed = failed;
    }

    @Scheduled(fixedDelayString = "${smartlink.storage.outbox-resubmit-interval:30s}", initialDelayString = "30s")
    @SchedulerLock(name = "storage-controller.outbox-resubmission", lockAtMostFor = "5m")
    void resubmitFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ofSeconds(10)).withBatchSize(100));
    }
}
