package com.smartlinkauto.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The storage network's controller (ARCHITECTURE §5): metadata here, bytes on the storage nodes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorageControllerApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorageControllerApplication.class, args);
    }
}
