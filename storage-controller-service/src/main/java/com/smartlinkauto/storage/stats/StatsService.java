package com.smartlinkauto.storage.stats;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Network figures from four aggregate queries over one snapshot of the database. */
@Service
class StatsService {

    private final JdbcClient jdbc;

    StatsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Heartbeat figures, summed over the LIVE nodes. */
    private record NodeFigures(NetworkStats.Nodes nodes, long used, long capacity, long rateBps, long bandwidthMbps,
            long activeTransfers) {
    }

    private record ChunkFigures(long chunks, long referencedReplicas, long under, long unavailable) {
    }

    private record ReplicaFigures(long replicas, long storedBytes, long inFlight) {
    }

    /** Repeatable read: every figure comes from the same snapshot, so they add up. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    NetworkStats stats() {
        NodeFigures nodes = jdbc.sql("""
                select count(*) as total,
                    count(*) filter (where state = 'LIVE') as live,
                    count(*) filter (where state = 'STALE') as stale,
                    count(*) filter (where state = 'DEAD') as dead,
                    count(*) filter (where admin_state = 'DECOMMISSIONING') as decommissioning,
                    count(*) filter (where admin_state = 'DECOMMISSIONED') as decommissioned,
                    coalesce(sum(used_bytes) filter (where state = 'LIVE'), 0) as used,
                    coalesce(sum(capacity_bytes) filter (where state = 'LIVE'), 0) as capacity,
                    coalesce(sum(greatest(rate_in_bps, rate_out_bps)) filter (where state = 'LIVE'), 0) as rate,
                    coalesce(sum(bandwidth_mbps) filter (where state = 'LIVE'), 0) as bandwidth,
                    coalesce(sum(active_transfers) filter (where state = 'LIVE'), 0) as active
                from storage_node""")
                .query((rs, row) -> new NodeFigures(new NetworkStats.Nodes(rs.getLong("total"), rs.getLong("live"),
                        rs.getLong("stale"), rs.getLong("dead"), rs.getLong("decommissioning"),
                        rs.getLong("decommissioned")), rs.getLong("used"), rs.getLong("capacity"), rs.getLong("rate"),
                        rs.getLong("bandwidth"), rs.getLong("active")))
                .single();
        long[] files = jdbc.sql("""
                select count(*), coalesce(sum(size), 0) from stored_file where status = 'AVAILABLE'""")
                .query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
        ChunkFigures chunks = jdbc.sql("""
                select count(*) as chunks, coalesce(sum(stored), 0) as stored,
                    count(*) filter (where counted < replication) as under,
                    count(*) filter (where stored = 0) as unavailable
                from (select c.chunk_id, c.replication,
                        count(r.node_id) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD') as stored,
                        count(r.node_id) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD'
                            and n.admin_state = 'ACTIVE') as counted
                      from chunk c
                      left join chunk_replica r on r.chunk_id = c.chunk_id
                      left join storage_node n on n.node_id = r.node_id
                      where c.ref_count > 0
                      group by c.chunk_id) x""")
                .query((rs, row) -> new ChunkFigures(rs.getLong("chunks"), rs.getLong("stored"), rs.getLong("under"),
                        rs.getLong("unavailable")))
                .single();
        ReplicaFigures replicas = jdbc.sql("""
                select count(*) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD') as replicas,
                    coalesce(sum(c.size) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD'), 0) as stored_bytes,
                    count(*) filter (where r.status in ('PENDING', 'IN_PROGRESS')) as in_flight
                from chunk_replica r
                join chunk c on c.chunk_id = r.chunk_id
                join storage_node n on n.node_id = r.node_id""")
                .query((rs, row) -> new ReplicaFigures(rs.getLong("replicas"), rs.getLong("stored_bytes"),
                        rs.getLong("in_flight")))
                .single();
        long transfers = jdbc.sql("select count(*) from transfer where status in ('PENDING', 'IN_PROGRESS')")
                .query(Long.class).single();
        return new NetworkStats(nodes.nodes(), files[0], chunks.chunks(), replicas.replicas(), files[1],
                replicas.storedBytes(), nodes.used(), nodes.capacity(),
                NetworkStats.percent(nodes.used(), nodes.capacity()),
                NetworkStats.percent(nodes.rateBps() * 8.0, nodes.bandwidthMbps() * 1_000_000.0),
                nodes.activeTransfers() + replicas.inFlight(), nodes.activeTransfers(), replicas.inFlight(), transfers,
                chunks.under(), chunks.unavailable(),
                chunks.chunks() == 0 ? 0 : NetworkStats.round((double) chunks.referencedReplicas() / chunks.chunks()),
                Instant.now());
    }
}
