package com.smartlinkauto.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The storage network's controller (docs/architecture.md, Storage network): metadata here, bytes on the storage nodes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorageControllerApplication {

    public static void main(String[] args) {
        // chunk transfers to the nodes use HttpURLConnection: keep enough idle connections per node for
        // the uploads' and downloads' parallel chunks (the JDK default keeps 5)
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        SpringApplication.run(StorageControllerApplication.class, args);
    }
}
