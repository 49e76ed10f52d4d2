package com.smartlinkauto.storage.transfer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code transfer} and {@code transfer_chunk} tables. */
@Repository
class TransferStore {

    private static final String SUMMARY = """
            select t.transfer_id, t.file_id, t.source_node_id, t.target_node_id, t.mode, t.status, t.route,
                t.bottleneck_mbps, t.created_at, t.started_at, t.finished_at, t.error,
                count(c.chunk_index) as chunk_count,
                count(c.chunk_index) filter (where c.status = 'COMPLETED') as completed_chunks,
                count(c.chunk_index) filter (where c.status = 'FAILED') as failed_chunks,
                coalesce(sum(c.bytes), 0) as bytes
            from transfer t left join transfer_chunk c on c.transfer_id = t.transfer_id
            """;

    private final JdbcClient jdbc;

    TransferStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID transferId, UUID fileId, String sourceNodeId, String targetNodeId, TransferMode mode,
            List<String> route, int bottleneckMbps, List<TransferRules.Planned> chunks) {
        boolean done = chunks.stream().allMatch(TransferRules.Planned::held);
        jdbc.sql("""
                insert into transfer (transfer_id, file_id, source_node_id, target_node_id, mode, status, route,
                    bottleneck_mbps, created_at, started_at, finished_at)
                values (:id, :file, :source, :target, :mode, :status, cast(:route as text[]), :mbps, now(),
                    case when :done then now() end, case when :done then now() end)""")
                .param("id", transferId).param("file", fileId).param("source", sourceNodeId)
                .param("target", targetNodeId).param("mode", mode.name())
                .param("status", (done ? TransferStatus.COMPLETED : TransferStatus.PENDING).name())
                .param("route", route.toArray(String[]::new)).param("mbps", bottleneckMbps).param("done", done)
                .update();
        for (TransferRules.Planned chunk : chunks) {
            jdbc.sql("""
                    insert into transfer_chunk (transfer_id, chunk_index, chunk_id, size, status, updated_at)
                    values (?, ?, ?, ?, ?, now())""")
                    .params(transferId, chunk.index(), chunk.chunkId(), chunk.size(),
                            (chunk.held() ? TransferStatus.COMPLETED : TransferStatus.PENDING).name())
                    .update();
        }
    }

    Optional<TransferView> find(UUID transferId) {
        return jdbc.sql(SUMMARY + " where t.transfer_id = ? group by t.transfer_id").param(transferId)
                .query(TransferStore::mapSummary).optional();
    }

    List<TransferView.ChunkView> chunks(UUID transferId) {
        return jdbc.sql("""
                select chunk_index, chunk_id, size, status, attempts, bytes, route, duration_ms, error
                from transfer_chunk where transfer_id = ? order by chunk_index""").param(transferId)
                .query((rs, row) -> new TransferView.ChunkView(rs.getInt("chunk_index"), rs.getString("chunk_id"),
                        rs.getInt("size"), TransferStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                        rs.getLong("bytes"), strings(rs.getArray("route")), rs.getObject("duration_ms", Long.class),
                        rs.getString("error")))
                .list();
    }

    List<TransferView> page(TransferStatus status, int limit, long offset) {
        return jdbc.sql(SUMMARY + """
                 where (cast(:status as text) is null or t.status = :status)
                group by t.transfer_id order by t.created_at desc, t.transfer_id limit :limit offset :offset""")
                .param("status", status == null ? null : status.name()).param("limit", limit).param("offset", offset)
                .query(TransferStore::mapSummary).list();
    }

    long count(TransferStatus status) {
        return jdbc.sql("select count(*) from transfer where cast(:status as text) is null or status = :status")
                .param("status", status == null ? null : status.name()).query(Long.class).single();
    }

    /** PENDING → IN_PROGRESS; false when the transfer is no longer pending (expired meanwhile). */
    boolean start(UUID transferId) {
        return jdbc.sql("""
                update transfer set status = 'IN_PROGRESS', started_at = now()
                where transfer_id = ? and status = 'PENDING'""").param(transferId).update() > 0;
    }

    /** One more attempt at a chunk (every row of the transfer with these bytes). */
    void chunkStarted(UUID transferId, String chunkId) {
        jdbc.sql("""
                update transfer_chunk set status = 'IN_PROGRESS', attempts = attempts + 1, updated_at = now()
                where transfer_id = ? and chunk_id = ? and status in ('PENDING', 'IN_PROGRESS')""")
                .params(transferId, chunkId).update();
    }

    /** An attempt failed; another may follow. */
    void chunkAttemptFailed(UUID transferId, String chunkId, List<String> route, String error) {
        jdbc.sql("""
                update transfer_chunk set route = cast(:route as text[]), error = left(:error, 1000), updated_at = now()
                where transfer_id = :id and chunk_id = :chunk and status in ('PENDING', 'IN_PROGRESS')""")
                .param("route", route == null || route.isEmpty() ? null : route.toArray(String[]::new))
                .param("error", error).param("id", transferId).param("chunk", chunkId).update();
    }

    /**
     * The chunk is on the target: COMPLETED with the bytes moved (counted once, on its first index when the
     * file holds the same bytes more than once), the route and the time the node reported.
     */
    void chunkCompleted(UUID transferId, String chunkId, long bytes, List<String> route, Long durationMs) {
        jdbc.sql("""
                update transfer_chunk c set status = 'COMPLETED', error = null, updated_at = now(),
                    route = cast(:route as text[]), duration_ms = :duration,
                    bytes = case when c.chunk_index = (select min(chunk_index) from transfer_chunk
                        where transfer_id = :id and chunk_id = :chunk) then :bytes else 0 end
                where c.transfer_id = :id and c.chunk_id = :chunk and c.status in ('PENDING', 'IN_PROGRESS')""")
                .param("route", route == null || route.isEmpty() ? null : route.toArray(String[]::new))
                .param("duration", durationMs).param("bytes", bytes).param("id", transferId).param("chunk", chunkId)
                .update();
    }

    void chunkFailed(UUID transferId, String chunkId, String error) {
        jdbc.sql("""
                update transfer_chunk set status = 'FAILED', error = left(?, 1000), updated_at = now()
                where transfer_id = ? and chunk_id = ? and status in ('PENDING', 'IN_PROGRESS')""")
                .params(error, transferId, chunkId).update();
    }

    /**
     * Ends a transfer: COMPLETED when every chunk is, otherwise FAILED with the first chunk error (chunks
     * still open are FAILED with {@code openReason}). Returns the final status, or empty when the transfer
     * had already ended (expired by the abandoned-transfer job).
     */
    Optional<TransferStatus> finish(UUID transferId, String openReason) {
        jdbc.sql("""
                update transfer_chunk set status = 'FAILED', error = left(?, 1000), updated_at = now()
                where transfer_id = ? and status in ('PENDING', 'IN_PROGRESS')""")
                .params(openReason, transferId).update();
        return jdbc.sql("""
                update transfer t set finished_at = now(),
                    status = case when x.failed = 0 then 'COMPLETED' else 'FAILED' end,
                    error = case when x.failed = 0 then null
                        else left(x.failed || ' of ' || x.total || ' chunks failed; chunk ' || x.first_index || ': '
                            || coalesce(x.first_error, 'failed'), 1000) end
                from (select count(*) as total, count(*) filter (where status = 'FAILED') as failed,
                        min(chunk_index) filter (where status = 'FAILED') as first_index,
                        (array_agg(error order by chunk_index) filter (where status = 'FAILED'))[1] as first_error
                      from transfer_chunk where transfer_id = :id) x
                where t.transfer_id = :id and t.status in ('PENDING', 'IN_PROGRESS')
                returning t.status""").param("id", transferId)
                .query((rs, row) -> TransferStatus.valueOf(rs.getString(1))).optional();
    }

    /**
     * Transfers still open with no chunk progress for {@code after}: their controller instance died (or
     * lost its database). Their open chunks and they themselves become FAILED.
     */
    List<UUID> failAbandoned(Duration after) {
        List<UUID> abandoned = jdbc.sql("""
                select t.transfer_id from transfer t
                where t.status in ('PENDING', 'IN_PROGRESS')
                  and greatest(t.created_at, coalesce(t.started_at, t.created_at),
                      coalesce((select max(c.updated_at) from transfer_chunk c where c.transfer_id = t.transfer_id),
                          t.created_at)) < now() - make_interval(secs => ?)
                for update skip locked""").param(after.toSeconds()).query(UUID.class).list();
        for (UUID transferId : abandoned) {
            finish(transferId, "abandoned: no progress for " + after.toMinutes()
                    + " min (the controller instance running it stopped)");
        }
        return abandoned;
    }

    /** The highest replication any file asks of the chunk; empty when the chunk is gone (collected). */
    Optional<Integer> chunkReplication(String chunkId) {
        return jdbc.sql("select replication from chunk where chunk_id = ?").param(chunkId).query(Integer.class)
                .optional();
    }

    /** A replica's status, its row locked until the transaction ends; empty when there is none. */
    Optional<String> lockReplica(String chunkId, String nodeId) {
        return jdbc.sql("select status from chunk_replica where chunk_id = ? and node_id = ? for update")
                .params(chunkId, nodeId).query(String.class).optional();
    }

    private static TransferView mapSummary(ResultSet rs, int row) throws SQLException {
        return new TransferView(rs.getObject("transfer_id", UUID.class), rs.getObject("file_id", UUID.class),
                rs.getString("source_node_id"), rs.getString("target_node_id"), TransferMode.valueOf(rs.getString("mode")),
                TransferStatus.valueOf(rs.getString("status")), strings(rs.getArray("route")),
                rs.getObject("bottleneck_mbps", Integer.class), rs.getInt("chunk_count"), rs.getInt("completed_chunks"),
                rs.getInt("failed_chunks"), rs.getLong("bytes"), null, instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("error"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
