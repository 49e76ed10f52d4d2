package com.smartlinkauto.storage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkStatsTest {

    @Test
    void percentagesHaveTwoDecimalsAndAreZeroWithoutAWhole() {
        assertThat(NetworkStats.percent(1, 3)).isEqualTo(33.33);
        assertThat(NetworkStats.percent(2, 3)).isEqualTo(66.67);
        assertThat(NetworkStats.percent(5, 0)).isZero();
        assertThat(NetworkStats.percent(0, 10)).isZero();
        // 12.5 MB/s out on a 100 Mbps node is the whole link
        assertThat(NetworkStats.percent(12_500_000 * 8.0, 100 * 1_000_000.0)).isEqualTo(100.0);
    }
}
