package com.smartlinkauto.storagenode;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;
import com.smartlinkauto.testsupport.security.TestTokens;

/**
 * Base of the single-node ITs: node {@code node-a} (zone a) on a random port with the configuration
 * shipped in config-repo/, a fresh data directory on disk, unthrottled (the throttle has its own IT),
 * heartbeating to the shared {@link ControllerStub}. Every subclass shares this one Spring context.
 */
@IntegrationTest
@Import(TestTokens.Decoder.class)
@TestPropertySource(properties = {
        "spring.config.import=file:../config-repo/application.yml,file:../config-repo/storage-node-service.yml",
        "smartlink.node.id=node-a",
        "smartlink.node.zone=a",
        "smartlink.node.vcpus=4",
        "smartlink.node.memory-gb=8",
        "smartlink.node.storage-gb=20",
        "smartlink.node.bandwidth-mbps=1000",
        "smartlink.node.throttle=false" })
public abstract class NodeIT {

    protected static final String NODE_ID = "node-a";
    protected static final ControllerStub CONTROLLER = ControllerStub.shared();
    protected static final Path DATA_DIR = TestNodes.newDataDir(NODE_ID);

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        registry.add("smartlink.node.data-dir", DATA_DIR::toString);
        registry.add("smartlink.node.controller-url", CONTROLLER::url);
    }

    @Value("${local.server.port}")
    protected int port;

    protected NodeClient node() {
        return NodeClient.at(port);
    }

    protected String nodeUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected static Path chunkFile(String id) {
        return TestNodes.chunkFile(DATA_DIR, id);
    }
}
