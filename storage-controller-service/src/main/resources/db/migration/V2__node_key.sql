-- A node's address is pinned at its first registration: the node presents its key (node-key in its data
-- directory) with every heartbeat and chunk report; the controller keeps only its SHA-256 (hex). A heartbeat
-- for a known node id with another key is refused and changes nothing. NULL: no key pinned yet (a node
-- registered before this migration, or reset by an admin): the next heartbeat's key is pinned.
alter table storage_node add column key_hash varchar(64);
alter table storage_node add column key_pinned_at timestamptz;
