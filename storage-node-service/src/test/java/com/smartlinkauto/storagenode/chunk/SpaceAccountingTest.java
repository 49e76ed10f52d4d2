package com.smartlinkauto.storagenode.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpaceAccountingTest {

    @Test
    void reservationsAndUsageTogetherNeverExceedTheCapacity() {
        SpaceAccounting space = new SpaceAccounting(1000);
        assertThat(space.tryReserve(600)).isTrue();
        assertThat(space.tryReserve(500)).isFalse(); // 600 reserved by a write in progress
        assertThat(space.tryReserve(400)).isTrue();
        assertThat(space.free()).isZero();

        space.commit(600, 600); // first write done
        space.release(400); // second write failed
        assertThat(space.used()).isEqualTo(600);
        assertThat(space.reserved()).isZero();
        assertThat(space.free()).isEqualTo(400);

        space.removed(600);
        assertThat(space.free()).isEqualTo(1000);
        assertThat(space.tryReserve(1000)).isTrue();
        assertThat(space.tryReserve(0)).isTrue();
        assertThat(space.tryReserve(1)).isFalse();
    }
}
