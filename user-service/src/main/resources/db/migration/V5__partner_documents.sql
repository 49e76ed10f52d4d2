-- Documents a partner uploads for verification (driving licence, insurance, proof of ownership). The bytes
-- live in the storage network (file_id); this row is what the partner and admins see. The content type is
-- the one detected from the file's first bytes, never the client's claim.
create table partner_documents (
    id            uuid         primary key,
    partner_id    uuid         not null references users (id) on delete cascade,
    type          varchar(32)  not null
        constraint ck_partner_documents_type check (type in ('DRIVER_LICENCE', 'INSURANCE', 'OWNERSHIP')),
    file_id       uuid         not null,
    content_type  varchar(100) not null,
    size_bytes    bigint       not null constraint ck_partner_documents_size check (size_bytes > 0),
    sha256        varchar(64)  not null,
    original_name varchar(255) not null,
    uploaded_at   timestamp(6) with time zone not null
);

create index ix_partner_documents_partner on partner_documents (partner_id, uploaded_at desc);
