package com.smartlinkauto.storage.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.smartlinkauto.storage.StorageControllerIT;

/**
 * A database migrated before version 1's comment was reworded still starts: the recorded old checksum is moved to
 * the new one before validation, and only that one (another checksum still fails validation).
 */
@StorageControllerIT
class MigrationChecksumRealignmentIT {

    @Autowired
    Flyway flyway;

    @Autowired
    JdbcClient jdbc;

    private void recordChecksum(int checksum) {
        jdbc.sql("update flyway_schema_history set checksum = :checksum where version = '1'")
                .param("checksum", checksum).update();
    }

    private int recordedChecksum() {
        return jdbc.sql("select checksum from flyway_schema_history where version = '1'").query(Integer.class).single();
    }

    @AfterEach
    void restore() {
        recordChecksum(MigrationChecksumRealignment.NEW_CHECKSUM);
    }

    @Test
    void theNewChecksumIsTheOneFlywayComputesForTheFile() {
        assertThat(recordedChecksum()).isEqualTo(MigrationChecksumRealignment.NEW_CHECKSUM);
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void aDatabaseMigratedWithTheOldCommentValidatesAndIsRealigned() {
        recordChecksum(MigrationChecksumRealignment.OLD_CHECKSUM);
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(recordedChecksum()).isEqualTo(MigrationChecksumRealignment.NEW_CHECKSUM);

        recordChecksum(MigrationChecksumRealignment.OLD_CHECKSUM);
        flyway.migrate();
        assertThat(recordedChecksum()).isEqualTo(MigrationChecksumRealignment.NEW_CHECKSUM);
    }

    @Test
    void anyOtherChecksumStillFailsValidation() {
        recordChecksum(12345);
        assertThat(flyway.validateWithResult().validationSuccessful).isFalse();
        assertThat(recordedChecksum()).isEqualTo(12345);
    }
}
