package com.smartlinkauto.servicedefaults.jobs;

import java.time.Duration;

import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Sends again the outbox entries whose publication to Kafka failed (broker down, time-out); stale
 * in-flight ones are marked failed by Spring Modulith's staleness monitor first. One instance at a time
 * (each service has its own {@code shedlock} table, so the lock name needs no service prefix).
 */
public class OutboxResubmissionJob {

    private final FailedEventPublications failed;

    OutboxResubmissionJob(FailedEventPublications failed) {
        this.failed = failed;
    }

    @Scheduled(fixedDelayString = "${smartlink.outbox.resubmit-interval:30s}", initialDelayString = "30s")
    @SchedulerLock(name = "outbox-resubmission", lockAtMostFor = "5m")
    public void resubmitFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ofSeconds(10)).withBatchSize(100));
    }
}
