package com.smartlinkauto.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * Serves {@code config-repo/} to every service: {@code application.yml} for all, {@code <service>.yml}
 * for one, and the {@code docker}/{@code kubernetes} profile files. The files are bundled in the jar;
 * the local runner points the server at the working tree instead so edits apply on restart.
 */
@SpringBootApplication
@EnableConfigServer
public class ConfigServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConfigServiceApplication.class, args);
    }
}
