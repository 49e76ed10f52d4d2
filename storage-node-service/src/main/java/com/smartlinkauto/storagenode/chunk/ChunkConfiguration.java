package com.smartlinkauto.storagenode.chunk;

import java.time.Clock;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.node.DataDirectory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class ChunkConfiguration {

    @Bean
    ChunkMetrics chunkMetrics(MeterRegistry registry) {
        return new ChunkMetrics(registry);
    }

    @Bean
    CorruptChunks corruptChunks() {
        return new CorruptChunks();
    }

    @Bean
    ChunkStore chunkStore(DataDirectory dataDirectory, NodeProperties properties, CorruptChunks corrupt,
            ChunkMetrics metrics, MeterRegistry registry) {
        ChunkStore store = new ChunkStore(
                new ChunkLayout(dataDirectory.chunks(), dataDirectory.tmp(), dataDirectory.quarantine()),
                properties.capacityBytes(), properties.transfer().maxChunkSize().toBytes(),
                properties.transfer().bufferBytes(), corrupt, metrics, Clock.systemUTC());
        Gauge.builder("smartlink.storage.node.used.bytes", store, ChunkStore::usedBytes).baseUnit("bytes")
                .description("Bytes of chunks stored on this node").register(registry);
        Gauge.builder("smartlink.storage.node.capacity.bytes", store, ChunkStore::capacityBytes).baseUnit("bytes")
                .description("Declared storage capacity").register(registry);
        Gauge.builder("smartlink.storage.node.free.bytes", store, ChunkStore::freeBytes).baseUnit("bytes")
                .description("Capacity left for new chunks").register(registry);
        Gauge.builder("smartlink.storage.node.chunks", store, ChunkStore::chunkCount)
                .description("Chunks stored on this node").register(registry);
        return store;
    }

    /** {@code storage} in /actuator/health: down when the chunk directory is not writable. */
    @Bean
    HealthIndicator storageHealthIndicator(ChunkStore store) {
        return () -> (store.writable() ? Health.up() : Health.down().withDetail("reason", "chunk directory not writable"))
                .withDetail("chunks", store.chunkCount())
                .withDetail("usedBytes", store.usedBytes())
                .withDetail("freeBytes", store.freeBytes())
                .withDetail("capacityBytes", store.capacityBytes())
                .build();
    }
}
