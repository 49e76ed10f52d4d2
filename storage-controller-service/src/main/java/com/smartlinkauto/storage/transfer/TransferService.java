package com.smartlinkauto.storage.transfer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storage.file.FileService;
import com.smartlinkauto.storage.file.FileStore;
import com.smartlinkauto.storage.node.NodeRegistry;
import com.smartlinkauto.storage.node.StorageNode;
import com.smartlinkauto.storage.topology.Route;
import com.smartlinkauto.storage.topology.RoutePlanner;
import com.smartlinkauto.storage.topology.Topology;
import com.smartlinkauto.storage.topology.TopologyService;

/**
 * Node-to-node transfers of a file's chunks: validates a request, plans its route, records it and hands it
 * to the {@link TransferExecutor}.
 */
@Service
class TransferService {

    private final FileService files;
    private final FileStore fileStore;
    private final NodeRegistry registry;
    private final TopologyService topology;
    private final TransferStore store;
    private final TransferExecutor executor;
    private final TransactionTemplate tx;

    TransferService(FileService files, FileStore fileStore, NodeRegistry registry, TopologyService topology,
            TransferStore store, TransferExecutor executor, TransactionTemplate tx) {
        this.files = files;
        this.fileStore = fileStore;
        this.registry = registry;
        this.topology = topology;
        this.store = store;
        this.executor = executor;
        this.tx = tx;
    }

    /**
     * Checks, in this order: source ≠ target (400), the file exists (404) and is AVAILABLE (409), both nodes
     * are known (404), the source is LIVE and the target LIVE and ACTIVE (409), the source holds a stored
     * chunk of the file (409), a route exists (409). Nothing is recorded unless every check passes. Chunks the
     * target already holds are COMPLETED at once, with 0 bytes and no copy.
     */
    TransferView create(TransferRequest request) {
        TransferRules.requireDistinct(request.sourceNodeId(), request.targetNodeId());
        FileStore.FileRow file = files.require(request.fileId());
        TransferRules.requireAvailable(file);
        StorageNode source = registry.require(request.sourceNodeId());
        StorageNode target = registry.require(request.targetNodeId());
        TransferRules.requireSource(source);
        TransferRules.requireTarget(target);
        List<TransferRules.Planned> chunks = TransferRules.select(file, fileStore.chunks(file.fileId()),
                source.nodeId(), target.nodeId());
        Topology network = topology.current();
        Route route = RoutePlanner.plan(network, source.nodeId(), target.nodeId())
                .orElseThrow(() -> TopologyService.noRoute(source.nodeId(), target.nodeId(), network.mode()));
        if (!executor.hasRoom()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, TransferRules.TRANSFERS_BUSY,
                    "Too many transfers are waiting to run on this controller; try again later.", Map.of());
        }
        UUID transferId = UUID.randomUUID();
        tx.executeWithoutResult(status -> store.insert(transferId, file.fileId(), source.nodeId(), target.nodeId(),
                request.modeOrDefault(), route.nodeIds(), route.bottleneckMbps(), chunks));
        if (chunks.stream().anyMatch(chunk -> !chunk.held())) {
            executor.submit(transferId);
        }
        return get(transferId);
    }

    TransferView get(UUID transferId) {
        TransferView transfer = store.find(transferId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                ProblemTypes.of("transfer-not-found"), "No transfer " + transferId + ".",
                Map.of("transferId", transferId.toString())));
        return transfer.withChunks(store.chunks(transferId));
    }

    TransferPage list(TransferStatus status, int page, int size) {
        return new TransferPage(store.page(status, size, (long) page * size), page, size, store.count(status));
    }
}
