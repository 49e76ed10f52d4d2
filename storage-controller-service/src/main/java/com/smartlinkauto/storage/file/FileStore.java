package com.smartlinkauto.storage.file;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.storage.RepairNeeded;
import com.smartlinkauto.storage.node.NodeClient.ReplicaOutcome;

/** Files, chunks, their references and their replicas' transfer status. */
@Repository
public class FileStore {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    FileStore(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public record FileRow(UUID fileId, String name, String contentType, long size, String sha256, int chunkSize,
            int replication, int chunkCount, String status, String ownerId, Instant createdAt, Instant completedAt,
            String failure) {
    }

    /** One chunk of a file and its replicas: node id → status. */
    public record FileChunk(int index, String chunkId, int size, long offset, Map<String, String> replicas) {
    }

    public void createFile(UUID fileId, String name, String contentType, int chunkSize, int replication,
            String ownerId) {
        jdbc.sql("""
                insert into stored_file (file_id, name, content_type, chunk_size, replication, status, owner_id, created_at)
                values (?, ?, ?, ?, ?, 'UPLOADING', ?, now())""")
                .params(fileId, name, contentType, chunkSize, replication, ownerId).update();
    }

    public Optional<FileRow> file(UUID fileId) {
        return jdbc.sql("select * from stored_file where file_id = ?").param(fileId).query(FileStore::mapFile)
                .optional();
    }

    public List<FileRow> files(int limit, long offset) {
        return jdbc.sql("select * from stored_file order by created_at desc, file_id limit ? offset ?")
                .params(limit, offset).query(FileStore::mapFile).list();
    }

    public long countFiles() {
        return jdbc.sql("select count(*) from stored_file").query(Long.class).single();
    }

    private static FileRow mapFile(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new FileRow(rs.getObject("file_id", UUID.class), rs.getString("name"), rs.getString("content_type"),
                rs.getLong("size"), rs.getString("sha256"), rs.getInt("chunk_size"), rs.getInt("replication"),
                rs.getInt("chunk_count"), rs.getString("status"), rs.getString("owner_id"),
                rs.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant(),
                rs.getString("failure"));
    }

    /**
     * Adds chunk {@code index} to an uploading file: the chunk is created or its reference count raised
     * (a row lock that also waits for a garbage collection of the same bytes to finish).
     */
    @Transactional
    public void addChunk(UUID fileId, int index, String chunkId, int size, long offset, int replication) {
        jdbc.sql("""
                insert into chunk (chunk_id, size, replication, ref_count, created_at) values (?, ?, ?, 1, now())
                on conflict (chunk_id) do update set ref_count = chunk.ref_count + 1, orphaned_at = null,
                    replication = greatest(chunk.replication, excluded.replication)""")
                .params(chunkId, size, replication).update();
        jdbc.sql("insert into file_chunk (file_id, chunk_index, chunk_id, size, file_offset) values (?, ?, ?, ?, ?)")
                .params(fileId, index, chunkId, size, offset).update();
    }

    /** Node ids holding a COMPLETED copy of the chunk on a node whose copies count (alive, active). */
    public List<String> countedHolders(String chunkId) {
        return jdbc.sql("""
                select r.node_id from chunk_replica r join storage_node n on n.node_id = r.node_id
                where r.chunk_id = ? and r.status = 'COMPLETED' and n.state <> 'DEAD' and n.admin_state = 'ACTIVE'""")
                .param(chunkId).query(String.class).list();
    }

    /** The copies are about to be written: PENDING, then IN_PROGRESS with one more attempt. */
    @Transactional
    public void startCopies(String chunkId, List<String> nodeIds, String sourceNodeId) {
        for (String nodeId : nodeIds) {
            jdbc.sql("""
                    insert into chunk_replica (chunk_id, node_id, status, attempts, source_node_id, created_at, updated_at)
                    values (?, ?, 'PENDING', 0, ?, now(), now())
                    on conflict (chunk_id, node_id) do update set status = 'PENDING', source_node_id = excluded.source_node_id,
                        updated_at = now()""")
                    .params(chunkId, nodeId, sourceNodeId).update();
        }
        jdbc.sql("""
                update chunk_replica set status = 'IN_PROGRESS', attempts = attempts + 1, updated_at = now()
                where chunk_id = :chunk and node_id = any(cast(:nodes as text[]))""")
                .param("chunk", chunkId).param("nodes", nodeIds.toArray(String[]::new)).update();
    }

    /** Records the pipeline's answer: stored copies COMPLETED, the others FAILED with a retry time. */
    @Transactional
    public void finishCopies(String chunkId, List<ReplicaOutcome> outcomes, long bytes, long retryAfterMillis) {
        for (ReplicaOutcome outcome : outcomes) {
            finishCopy(chunkId, outcome.nodeId(), outcome.stored(), bytes,
                    outcome.stored() ? null : outcome.status() + ": " + outcome.error(), retryAfterMillis);
        }
    }

    public void finishCopy(String chunkId, String nodeId, boolean stored, long bytes, String error,
            long retryAfterMillis) {
        if (stored) {
            jdbc.sql("""
                    update chunk_replica set status = 'COMPLETED', bytes = ?, last_error = null, next_attempt_at = null,
                        updated_at = now()
                    where chunk_id = ? and node_id = ?""").params(bytes, chunkId, nodeId).update();
        }
        else {
            jdbc.sql("""
                    update chunk_replica set status = 'FAILED', bytes = 0, last_error = left(?, 500),
                        next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
                    where chunk_id = ? and node_id = ?""")
                    .params(error, retryAfterMillis / 1000.0, chunkId, nodeId).update();
        }
    }

    /**
     * A recorded copy leaves the map (a MOVE's source, a surplus copy, a copy the node no longer has). The drop
     * is remembered (table replica_drop) so that a chunk report the node generated before it cannot put the
     * copy back (NodeReports#fullReport).
     */
    public void dropReplica(String chunkId, String nodeId) {
        if (jdbc.sql("delete from chunk_replica where chunk_id = ? and node_id = ?").params(chunkId, nodeId).update() > 0) {
            jdbc.sql("""
                    insert into replica_drop (chunk_id, node_id, dropped_at) values (?, ?, now())
                    on conflict (chunk_id, node_id) do update set dropped_at = excluded.dropped_at""")
                    .params(chunkId, nodeId).update();
            events.publishEvent(new RepairNeeded("replica of " + chunkId + " on " + nodeId + " dropped"));
        }
    }

    /** The file's chunks in order, each with its replicas' statuses. */
    public List<FileChunk> chunks(UUID fileId) {
        Map<Integer, FileChunk> chunks = new LinkedHashMap<>();
        jdbc.sql("""
                select fc.chunk_index, fc.chunk_id, fc.size, fc.file_offset, r.node_id, r.status
                from file_chunk fc left join chunk_replica r on r.chunk_id = fc.chunk_id
                where fc.file_id = ? order by fc.chunk_index, r.node_id""").param(fileId).query(rs -> {
                    int index = rs.getInt(1);
                    FileChunk chunk = chunks.get(index);
                    if (chunk == null) {
                        chunk = new FileChunk(index, rs.getString(2), rs.getInt(3), rs.getLong(4), new LinkedHashMap<>());
                        chunks.put(index, chunk);
                    }
                    String node = rs.getString(5);
                    if (node != null) {
                        chunk.replicas().put(node, rs.getString(6));
                    }
                });
        return new ArrayList<>(chunks.values());
    }

    @Transactional
    public void complete(UUID fileId, long size, String sha256, int chunkCount) {
        jdbc.sql("""
                update stored_file set size = ?, sha256 = ?, chunk_count = ?, status = 'AVAILABLE', completed_at = now()
                where file_id = ?""").params(size, sha256, chunkCount, fileId).update();
    }

    /**
     * Drops a file's references to its chunks (delete, failed or abandoned upload); chunks left without
     * references become orphans for the garbage collector.
     */
    @Transactional
    public void release(UUID fileId) {
        jdbc.sql("""
                update chunk c set ref_count = c.ref_count - x.n,
                    orphaned_at = case when c.ref_count - x.n = 0 then now() else null end
                from (select chunk_id, count(*) as n from file_chunk where file_id = ? group by chunk_id) x
                where c.chunk_id = x.chunk_id""").param(fileId).update();
        jdbc.sql("delete from file_chunk where file_id = ?").param(fileId).update();
    }

    @Transactional
    public boolean delete(UUID fileId) {
        boolean exists = jdbc.sql("select file_id from stored_file where file_id = ? for update")
                .param(fileId).query(UUID.class).optional().isPresent();
        if (!exists) {
            return false;
        }
        release(fileId);
        jdbc.sql("delete from stored_file where file_id = ?").param(fileId).update();
        return true;
    }

    @Transactional
    public void fail(UUID fileId, String reason) {
        release(fileId);
        jdbc.sql("update stored_file set status = 'FAILED', failure = left(?, 500), completed_at = now() where file_id = ?")
                .params(reason, fileId).update();
    }
}
