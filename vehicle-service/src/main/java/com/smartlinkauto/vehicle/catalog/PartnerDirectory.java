package com.smartlinkauto.vehicle.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Partners' verification as {@code user.events} last told this service ({@code partners} table). A
 * partner not heard of yet is PENDING: they may list, nothing of theirs is bookable.
 */
@Component
public class PartnerDirectory {

    public enum Status {
        PENDING, VERIFIED, REJECTED
    }

    private final JdbcClient jdbc;

    PartnerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Status status(UUID partnerId) {
        return jdbc.sql("select status from partners where partner_id = ?").param(partnerId).query(String.class)
                .optional().map(Status::valueOf).orElse(Status.PENDING);
    }

    /**
     * Records the partner's status as of {@code changedAt}; an older change than the one held is ignored.
     *
     * @return whether the stored status changed
     */
    public boolean record(UUID partnerId, Status status, Instant changedAt) {
        return jdbc.sql("insert into partners (partner_id, status, changed_at) values (:id, :status, :at) "
                + "on conflict (partner_id) do update set status = excluded.status, changed_at = excluded.changed_at, "
                + "updated_at = now() where partners.changed_at <= excluded.changed_at "
                + "and partners.status <> excluded.status")
                .param("id", partnerId).param("status", status.name()).param("at", Timestamp.from(changedAt))
                .update() == 1;
    }

    /** The partner's public name ({@link #publicName(String, String)}), or null when none was heard of. */
    public String publicName(UUID partnerId) {
        return jdbc.sql("select public_name from partners where partner_id = ?").param(partnerId).query(String.class)
                .optional().orElse(null);
    }

    /** Keeps the partner's public name (after {@link #record}, which makes the row). */
    public void recordPublicName(UUID partnerId, String publicName) {
        jdbc.sql("update partners set public_name = ? where partner_id = ?").params(publicName, partnerId).update();
    }

    /**
     * What renters see of a partner: the first name (at most 40 characters) and the initial of the last name,
     * {@code "Jean M."}; null without a first name. Control characters are dropped.
     */
    public static String publicName(String firstName, String lastName) {
        String first = clean(firstName);
        if (first.isEmpty()) {
            return null;
        }
        if (first.codePointCount(0, first.length()) > 40) {
            first = first.substring(0, first.offsetByCodePoints(0, 40)).strip();
        }
        String last = clean(lastName);
        return last.isEmpty() ? first
                : first + " " + new String(Character.toChars(Character.toUpperCase(last.codePointAt(0)))) + ".";
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "").strip();
    }
}
