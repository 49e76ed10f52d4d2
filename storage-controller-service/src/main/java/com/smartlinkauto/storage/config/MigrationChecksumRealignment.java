package com.smartlinkauto.storage.config;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Version 1's first comment line was reworded after it had been applied (it named a document the repository
 * does not hold; it now names docs/architecture.md). Flyway checksums every line, comments included, so a database
 * migrated with the old text would fail validation at start-up. Before Flyway validates or migrates, this moves
 * exactly that history row from the old checksum to the new one; any other checksum (a real edit of the
 * schema) is left for validation to refuse.
 */
@Component
class MigrationChecksumRealignment implements Callback {

    static final String VERSION = "1";
    static final int OLD_CHECKSUM = -1110253200;
    static final int NEW_CHECKSUM = 805255950;

    private static final Logger log = LoggerFactory.getLogger(MigrationChecksumRealignment.class);

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String table = context.getConfiguration().getTable();
        String schema = context.getConfiguration().getDefaultSchema();
        String qualified = (schema == null ? "" : quote(schema) + ".") + quote(table);
        try (var exists = context.getConnection().prepareStatement("select to_regclass(?) is not null")) {
            exists.setString(1, qualified);
            try (var result = exists.executeQuery()) {
                if (!result.next() || !result.getBoolean(1)) {
                    return; // a new database: nothing applied yet
                }
            }
            try (PreparedStatement update = context.getConnection().prepareStatement("update " + qualified
                    + " set checksum = ? where version = ? and checksum = ?")) {
                update.setInt(1, NEW_CHECKSUM);
                update.setString(2, VERSION);
                update.setInt(3, OLD_CHECKSUM);
                if (update.executeUpdate() > 0) {
                    log.info("Flyway history: version {}'s checksum moved to its reworded comment ({} -> {})",
                            VERSION, OLD_CHECKSUM, NEW_CHECKSUM);
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not realign the checksum of migration " + VERSION, ex);
        }
    }

    @Override
    public String getCallbackName() {
        return "migration-checksum-realignment";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
