-- The storage controller's metadata (docs/architecture.md, "Storage network"): nodes, files, chunks and where their replicas
-- are, topology links and node-to-node transfers. The bytes live on the storage nodes only.

-- A storage node as it last reported itself. Liveness (state) is derived from last_heartbeat_at by the
-- liveness job with the database clock; admin_state is the operator's decision (decommissioning).
create table storage_node (
    node_id            text        not null primary key,
    zone               text        not null,
    base_url           text        not null,
    vcpus              int         not null,
    memory_gb          double precision not null,
    storage_gb         double precision not null,
    bandwidth_mbps     int         not null,
    capacity_bytes     bigint      not null,
    used_bytes         bigint      not null,
    free_bytes         bigint      not null,
    chunk_count        bigint      not null,
    active_transfers   int         not null,
    bytes_in           bigint      not null,
    bytes_out          bigint      not null,
    -- transfer rates over the last heartbeat interval (bytes/s), from the bytes_in/bytes_out counters
    rate_in_bps        bigint      not null default 0,
    rate_out_bps       bigint      not null default 0,
    started_at         timestamptz,
    state              text        not null check (state in ('LIVE', 'STALE', 'DEAD')),
    admin_state        text        not null default 'ACTIVE'
                                   check (admin_state in ('ACTIVE', 'DECOMMISSIONING', 'DECOMMISSIONED')),
    state_changed_at   timestamptz not null,
    first_seen_at      timestamptz not null,
    last_heartbeat_at  timestamptz not null,
    last_report_at     timestamptz,
    report_requested   boolean     not null default true
);

-- A file: an ordered list of chunks. Readable (AVAILABLE) only once every chunk has a COMPLETED replica.
create table stored_file (
    file_id       uuid        not null primary key,
    name          text,
    content_type  text        not null,
    size          bigint      not null default 0,
    sha256        text,
    chunk_size    int         not null check (chunk_size between 65536 and 67108864),
    replication   int         not null check (replication between 1 and 5),
    chunk_count   int         not null default 0,
    status        text        not null check (status in ('UPLOADING', 'AVAILABLE', 'FAILED')),
    owner_id      text,
    created_at    timestamptz not null,
    completed_at  timestamptz,
    failure       text
);

create index stored_file_by_created on stored_file (created_at desc);
create index stored_file_uploading on stored_file (created_at) where status <> 'AVAILABLE';

-- A chunk, content-addressed (id = SHA-256 of its bytes) and shared by every file that contains it.
-- ref_count counts file_chunk rows; at 0 the chunk is an orphan and is garbage-collected from the
-- nodes after a grace period. replication is the highest replication any referencing file asked for.
create table chunk (
    chunk_id     text        not null primary key check (chunk_id ~ '^[0-9a-f]{64}$'),
    size         int         not null check (size > 0),
    replication  int         not null check (replication between 1 and 5),
    ref_count    int         not null check (ref_count >= 0),
    orphaned_at  timestamptz,
    created_at   timestamptz not null
);

create index chunk_orphans on chunk (orphaned_at) where ref_count = 0;

create table file_chunk (
    file_id       uuid     not null references stored_file (file_id) on delete cascade,
    chunk_index   int      not null,
    chunk_id      text     not null references chunk (chunk_id),
    size          int      not null,
    file_offset   bigint   not null,
    primary key (file_id, chunk_index)
);

create index file_chunk_by_chunk on file_chunk (chunk_id);

-- One copy of a chunk on one node, with its transfer status:
-- PENDING -> IN_PROGRESS -> COMPLETED | FAILED (FAILED is retried after next_attempt_at).
create table chunk_replica (
    chunk_id        text        not null references chunk (chunk_id) on delete cascade,
    node_id         text        not null references storage_node (node_id),
    status          text        not null check (status in ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
    attempts        int         not null default 0,
    bytes           bigint      not null default 0,
    source_node_id  text,
    last_error      text,
    next_attempt_at timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (chunk_id, node_id)
);

create index chunk_replica_by_node on chunk_replica (node_id, status);
create index chunk_replica_in_flight on chunk_replica (updated_at) where status in ('PENDING', 'IN_PROGRESS');

-- Topology: an undirected link between two nodes (node_a < node_b) with its bandwidth. Without any link
-- the network is a full mesh at the nodes' declared bandwidths.
create table storage_link (
    node_a          text        not null,
    node_b          text        not null,
    bandwidth_mbps  int         not null check (bandwidth_mbps between 1 and 1000000),
    created_at      timestamptz not null,
    primary key (node_a, node_b),
    check (node_a < node_b)
);

-- A file transfer between two nodes (POST /api/storage/transfers), one row per chunk.
create table transfer (
    transfer_id     uuid        not null primary key,
    file_id         uuid        not null,
    source_node_id  text        not null,
    target_node_id  text        not null,
    mode            text        not null check (mode in ('COPY', 'MOVE')),
    status          text        not null check (status in ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
    route           text[]      not null,
    bottleneck_mbps int,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    error           text
);

create index transfer_by_created on transfer (created_at desc);
create index transfer_active on transfer (status) where status in ('PENDING', 'IN_PROGRESS');

create table transfer_chunk (
    transfer_id  uuid        not null references transfer (transfer_id) on delete cascade,
    chunk_index  int         not null,
    chunk_id     text        not null,
    size         int         not null,
    status       text        not null check (status in ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
    attempts     int         not null default 0,
    bytes        bigint      not null default 0,
    route        text[],
    duration_ms  bigint,
    error        text,
    updated_at   timestamptz not null,
    primary key (transfer_id, chunk_index)
);

-- Spring Modulith event publication registry (spring-modulith-events-jdbc 2.0 schema): the outbox for
-- storage.events. A row commits with the state change and is deleted once Kafka has the event.
create table event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);

create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- ShedLock: jobs that run on one controller instance at a time
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
