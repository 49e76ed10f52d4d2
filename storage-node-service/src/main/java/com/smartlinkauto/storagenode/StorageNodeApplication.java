package com.smartlinkauto.storagenode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * storage-node-service: one chunk server of the storage network. Holds content-addressed chunks
 * (id = SHA-256 of the bytes) on local disk, takes part in write pipelines, pushes chunks to other
 * nodes on request, throttles its transfers to its declared bandwidth and heartbeats to the
 * storage controller. Many replicas run side by side; each owns one data directory.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorageNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorageNodeApplication.class, args);
    }
}
