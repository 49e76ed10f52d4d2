-- Copies the controller removed from its replica map (a MOVE's source, a surplus copy, a copy a node no longer
-- has), with when. A node's full chunk report is a snapshot: one generated before a removal still lists the
-- copy, and must not put it back into the map (the node deletes it right after; the map would then point at a
-- copy that is gone, and the repair job could trim the real one as surplus). The reconciliation skips copies
-- dropped after the report was generated; rows are purged after an hour by the garbage collector.
create table replica_drop (
    chunk_id   text        not null references chunk (chunk_id) on delete cascade,
    node_id    text        not null references storage_node (node_id),
    dropped_at timestamptz not null,
    primary key (chunk_id, node_id)
);
create index replica_drop_dropped_at on replica_drop (dropped_at);
