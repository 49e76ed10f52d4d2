package com.smartlinkauto.user.account;

import static com.smartlinkauto.user.account.VerificationStatus.PENDING;
import static com.smartlinkauto.user.account.VerificationStatus.REJECTED;
import static com.smartlinkauto.user.account.VerificationStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.user.account.VerificationStatus.Actor;

class VerificationStatusTest {

    @Test
    void adminsMoveOnlyPendingAndVerifiedPartners() {
        assertThat(allowed(Actor.ADMIN, PENDING)).containsExactlyInAnyOrder(VERIFIED, REJECTED);
        assertThat(allowed(Actor.ADMIN, VERIFIED)).containsExactly(REJECTED);
        assertThat(allowed(Actor.ADMIN, REJECTED)).isEmpty();
    }

    @Test
    void partnersOnlyResubmitAfterARejection() {
        assertThat(allowed(Actor.PARTNER, REJECTED)).containsExactly(PENDING);
        assertThat(allowed(Actor.PARTNER, PENDING)).isEmpty();
        assertThat(allowed(Actor.PARTNER, VERIFIED)).isEmpty();
    }

    @Test
    void onlyARejectionNeedsAReason() {
        assertThat(VerificationStatus.requiresReason(REJECTED)).isTrue();
        assertThat(VerificationStatus.requiresReason(VERIFIED)).isFalse();
        assertThat(VerificationStatus.requiresReason(PENDING)).isFalse();
    }

    @Test
    void theAccountEnforcesTheMachine() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        UserAccount partner = UserAccount.create("p@example.test", "hash", "P", "Q", "+14155550123", Role.PARTNER, now);
        assertThat(partner.getVerificationStatus()).isEqualTo(PENDING);
        assertThat(partner.changeVerification(REJECTED, "blurred", Actor.ADMIN, now)).isEqualTo(PENDING);
        assertThatThrownBy(() -> partner.changeVerification(VERIFIED, null, Actor.ADMIN, now))
                .isInstanceOf(IllegalVerificationTransitionException.class);
        assertThat(partner.changeVerification(PENDING, null, Actor.PARTNER, now)).isEqualTo(REJECTED);
        assertThat(partner.getVerificationReason()).isNull();
        assertThatThrownBy(() -> partner.changeVerification(REJECTED, " ", Actor.ADMIN, now))
                .isInstanceOf(IllegalArgumentException.class);

        UserAccount renter = UserAccount.create("r@example.test", "hash", "R", "S", "+14155550123", Role.RENTER, now);
        assertThat(renter.getVerificationStatus()).isNull();
        assertThatThrownBy(() -> renter.changeVerification(VERIFIED, null, Actor.ADMIN, now))
                .isInstanceOf(IllegalVerificationTransitionException.class);
    }

    private static EnumSet<VerificationStatus> allowed(Actor actor, VerificationStatus from) {
        EnumSet<VerificationStatus> targets = EnumSet.noneOf(VerificationStatus.class);
        for (VerificationStatus to : VerificationStatus.values()) {
            if (from.canMoveTo(to, actor)) {
                targets.add(to);
            }
        }
        return targets;
    }
}
