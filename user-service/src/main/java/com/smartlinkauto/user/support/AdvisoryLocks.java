package com.smartlinkauto.user.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * PostgreSQL transaction-scoped advisory locks: serialise one-off work (creating the first signing
 * key, bootstrapping the admin) between instances that start at the same time.
 */
@Component
public class AdvisoryLocks {

    private final JdbcTemplate jdbc;

    AdvisoryLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Blocks until this transaction holds the lock; released at commit or rollback. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForTransaction(String name) {
        jdbc.queryForObject("select 1 from pg_advisory_xact_lock(hashtextextended(?, 0))", Integer.class, name);
    }
}
