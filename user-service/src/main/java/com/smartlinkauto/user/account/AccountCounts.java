package com.smartlinkauto.user.account;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The accounts in figures (the admin overview's {@code users} part): one SQL statement, so every figure comes from
 * the same snapshot, counted by PostgreSQL, never by loading accounts.
 */
@Component
public class AccountCounts {

    /** A count that takes longer than this is cancelled by the database (the overview stops waiting sooner). */
    static final int QUERY_TIMEOUT_SECONDS = 5;

    private static final String SQL = """
            select 'role' as kind, role as name, count(*) as n from user_roles group by role
            union all
            select 'verification', verification_status, count(*) from users
                where verification_status is not null group by verification_status
            union all
            select 'total', 'total', count(*) from users
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AccountCounts(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        this.clock = clock;
    }

    /**
     * @param total                   every account
     * @param byRole                  accounts per role, every role present (an account has one role)
     * @param partnersByVerification  partners per verification status, every status present
     * @param asOf                    when they were counted
     */
    public record Counts(long total, Map<Role, Long> byRole, Map<VerificationStatus, Long> partnersByVerification,
            Instant asOf) {
    }

    public Counts count() {
        Map<Role, Long> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roles.put(role, 0L);
        }
        Map<VerificationStatus, Long> verification = new EnumMap<>(VerificationStatus.class);
        for (VerificationStatus status : VerificationStatus.values()) {
            verification.put(status, 0L);
        }
        long[] total = { 0 };
        Instant asOf = clock.instant();
        jdbc.query(SQL, rs -> {
            String name = rs.getString("name");
            long n = rs.getLong("n");
            switch (rs.getString("kind")) {
                case "role" -> roles.put(Role.valueOf(name), n);
                case "verification" -> verification.put(VerificationStatus.valueOf(name), n);
                default -> total[0] = n;
            }
        });
        return new Counts(total[0], roles, verification, asOf);
    }
}
