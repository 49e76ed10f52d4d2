package com.smartlinkauto.storage.transfer;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Fails transfers left open by a controller instance that died: no chunk of theirs changed for
 * {@value #MINUTES} minutes (a chunk attempt takes at most the node request timeout, 2 min by default).
 */
@Component
class AbandonedTransfers {

    private static final Logger log = LoggerFactory.getLogger(AbandonedTransfers.class);
    static final int MINUTES = 10;

    private final TransferStore store;

    AbandonedTransfers(TransferStore store) {
        this.store = store;
    }

    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    @SchedulerLock(name = "storage-controller.abandoned-transfers", lockAtMostFor = "5m")
    @Transactional
    void failAbandoned() {
        List<UUID> failed = store.failAbandoned(Duration.ofMinutes(MINUTES));
        if (!failed.isEmpty()) {
            log.warn("{} transfer(s) had no progress for {} min and are FAILED: {}", failed.size(), MINUTES, failed);
        }
    }
}
