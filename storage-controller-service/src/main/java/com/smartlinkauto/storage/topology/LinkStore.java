package com.smartlinkauto.storage.topology;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code storage_link} table. */
@Repository
class LinkStore {

    private final JdbcClient jdbc;

    LinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What an upsert did: the link as stored now and whether it is new. */
    record Saved(Link link, boolean created) {
    }

    Saved save(Link.Ends ends, int bandwidthMbps) {
        return jdbc.sql("""
                insert into storage_link (node_a, node_b, bandwidth_mbps, created_at) values (?, ?, ?, now())
                on conflict (node_a, node_b) do update set bandwidth_mbps = excluded.bandwidth_mbps
                returning node_a, node_b, bandwidth_mbps, created_at, (xmax = 0) as created""")
                .params(ends.nodeA(), ends.nodeB(), bandwidthMbps)
                .query((rs, row) -> new Saved(map(rs, row), rs.getBoolean("created"))).single();
    }

    List<Link> all() {
        return jdbc.sql("select node_a, node_b, bandwidth_mbps, created_at from storage_link order by node_a, node_b")
                .query(LinkStore::map).list();
    }

    boolean delete(Link.Ends ends) {
        return jdbc.sql("delete from storage_link where node_a = ? and node_b = ?")
                .params(ends.nodeA(), ends.nodeB()).update() > 0;
    }

    private static Link map(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getString("node_a"), rs.getString("node_b"), rs.getInt("bandwidth_mbps"),
                rs.getTimestamp("created_at").toInstant());
    }
}
