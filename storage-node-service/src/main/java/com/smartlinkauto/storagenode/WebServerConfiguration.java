package com.smartlinkauto.storagenode;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat moves request and response bodies through per-connection socket buffers of 8 KiB by
 * default: one system call per 8 KiB, 512 for a 4 MiB chunk each way. 64 KiB buffers cut that
 * eightfold for the bulk transfers this service exists for.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    static final int SOCKET_BUFFER_BYTES = 64 * 1024;

    @Bean
    TomcatConnectorCustomizer bulkTransferSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        };
    }
}
