package com.smartlinkauto.storage.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storage.config.StorageProblems;
import com.smartlinkauto.storage.file.FileStore;
import com.smartlinkauto.storage.node.StorageNode;
import com.smartlinkauto.storage.node.StorageNode.AdminState;
import com.smartlinkauto.storage.node.StorageNode.State;
import com.smartlinkauto.storage.topology.Topology;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

class TransferRulesTest {

    private static final UUID FILE = UUID.fromString("00000000-0000-0000-0000-0000000000f1");

    private static StorageNode node(String id, State state, AdminState admin) {
        Instant now = Instant.now();
        return new StorageNode(id, "a", "http://127.0.0.1:91" + id.substring(id.length() - 2), 2, 4, 10, 100,
                10L << 30, 0, 10L << 30, 0, 0, 0, 0, 0, 0, now, state, admin, now, now, now, now);
    }

    private static FileStore.FileRow file(String status) {
        return new FileStore.FileRow(FILE, "f", "application/octet-stream", 10, null, 65536, 3, 1, status, null,
                Instant.now(), null, null);
    }

    private static FileStore.FileChunk chunk(int index, String id, String... replicas) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < replicas.length; i += 2) {
            map.put(replicas[i], replicas[i + 1]);
        }
        return new FileStore.FileChunk(index, id, 100 + index, index * 100L, map);
    }

    @Test
    void sourceAndTargetMustDiffer() {
        assertThatThrownBy(() -> TransferRules.requireDistinct("node-1", "node-1"))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status().value()).isEqualTo(400);
                    assertThat(ex.type()).isEqualTo(ProblemTypes.VALIDATION);
                });
        assertThatCode(() -> TransferRules.requireDistinct("node-1", "node-2")).doesNotThrowAnyException();
    }

    @Test
    void onlyAnAvailableFileIsTransferred() {
        assertThatCode(() -> TransferRules.requireAvailable(file("AVAILABLE"))).doesNotThrowAnyException();
        for (String status : List.of("UPLOADING", "FAILED")) {
            assertThatThrownBy(() -> TransferRules.requireAvailable(file(status)))
                    .isInstanceOfSatisfying(ApiException.class, ex -> {
                        assertThat(ex.status().value()).isEqualTo(409);
                        assertThat(ex.type()).isEqualTo(StorageProblems.FILE_NOT_READY);
                    });
        }
    }

    @Test
    void theSourceMustBeLiveAndMayBeDraining() {
        assertThatCode(() -> TransferRules.requireSource(node("n01", State.LIVE, AdminState.DECOMMISSIONING)))
                .doesNotThrowAnyException();
        for (State state : List.of(State.STALE, State.DEAD)) {
            assertThatThrownBy(() -> TransferRules.requireSource(node("n01", state, AdminState.ACTIVE)))
                    .isInstanceOfSatisfying(ApiException.class, ex -> {
                        assertThat(ex.status().value()).isEqualTo(409);
                        assertThat(ex.type()).isEqualTo(StorageProblems.ILLEGAL_NODE_STATE);
                        assertThat(ex.properties()).containsEntry("role", "source").containsEntry("state", state.name());
                    });
        }
    }

    @Test
    void theTargetMustBeLiveAndActive() {
        assertThatCode(() -> TransferRules.requireTarget(node("n02", State.LIVE, AdminState.ACTIVE)))
                .doesNotThrowAnyException();
        List<StorageNode> refused = List.of(node("n02", State.STALE, AdminState.ACTIVE),
                node("n02", State.DEAD, AdminState.ACTIVE), node("n02", State.LIVE, AdminState.DECOMMISSIONING),
                node("n02", State.LIVE, AdminState.DECOMMISSIONED));
        for (StorageNode target : refused) {
            assertThatThrownBy(() -> TransferRules.requireTarget(target))
                    .isInstanceOfSatisfying(ApiException.class, ex -> {
                        assertThat(ex.status().value()).isEqualTo(409);
                        assertThat(ex.type()).isEqualTo(StorageProblems.ILLEGAL_NODE_STATE);
                        assertThat(ex.properties()).containsEntry("role", "target");
                    });
        }
    }

    @Test
    void theTransferTakesTheChunksTheSourceHoldsAndMarksThoseTheTargetHas() {
        List<FileStore.FileChunk> chunks = List.of(
                chunk(0, "c0", "s", "COMPLETED", "t", "COMPLETED"),
                chunk(1, "c1", "s", "COMPLETED", "x", "COMPLETED"),
                chunk(2, "c2", "x", "COMPLETED", "t", "IN_PROGRESS"),
                chunk(3, "c3", "s", "FAILED", "x", "COMPLETED"),
                chunk(4, "c4", "s", "COMPLETED", "t", "FAILED"),
                chunk(5, "c1", "s", "COMPLETED", "x", "COMPLETED"));

        assertThat(TransferRules.select(file("AVAILABLE"), chunks, "s", "t")).containsExactly(
                new TransferRules.Planned(0, "c0", 100, true),
                new TransferRules.Planned(1, "c1", 101, false),
                new TransferRules.Planned(4, "c4", 104, false),
                new TransferRules.Planned(5, "c1", 105, false));
    }

    @Test
    void aSourceWithoutAStoredChunkOfTheFileHasNothingToTransfer() {
        List<FileStore.FileChunk> chunks = List.of(chunk(0, "c0", "s", "IN_PROGRESS", "x", "COMPLETED"));

        assertThatThrownBy(() -> TransferRules.select(file("AVAILABLE"), chunks, "s", "t"))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status().value()).isEqualTo(409);
                    assertThat(ex.type()).isEqualTo(TransferRules.NOTHING_TO_TRANSFER);
                });
        assertThatThrownBy(() -> TransferRules.select(file("AVAILABLE"), List.of(), "s", "t"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void modeDefaultsToMove() {
        assertThat(new TransferRequest(FILE, "a", "b", null).modeOrDefault()).isEqualTo(TransferMode.MOVE);
        assertThat(new TransferRequest(FILE, "a", "b", TransferMode.COPY).modeOrDefault()).isEqualTo(TransferMode.COPY);
    }

    @Test
    void requestFieldsAreRequired() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Set<String> invalid = factory.getValidator().validate(new TransferRequest(null, "", null, null)).stream()
                    .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
            assertThat(invalid).containsExactlyInAnyOrder("fileId", "sourceNodeId", "targetNodeId");
        }
    }

    @Test
    void theNodesRouteIsShownAsNodeIds() {
        StorageNode a = node("n01", State.LIVE, AdminState.ACTIVE);
        StorageNode b = node("n02", State.LIVE, AdminState.ACTIVE);
        Topology network = Topology.of(List.of(a, b), List.of());

        assertThat(TransferExecutor.nodeIds(List.of(a.baseUrl(), b.baseUrl() + "/", "http://10.9.9.9:9101"), network))
                .containsExactly("n01", "n02", "http://10.9.9.9:9101");
        assertThat(TransferExecutor.nodeIds(null, network)).isEmpty();
    }
}
