-- Accounts, their editing scopes, the change history and database snapshots.

create table users (
    username varchar primary key,
    password_hash varchar,          -- null for accounts that sign in through an identity provider
    role varchar not null,          -- viewer, editor or admin
    email varchar,
    created_at timestamp not null default current_timestamp,
    failed_attempts integer not null default 0,
    locked_until timestamp
);

-- An editor may change a whole programme (pair_id null) or only the pairs listed.
create table user_scopes (
    username varchar not null,
    programme_id varchar not null,
    pair_id varchar
);

create sequence change_ids start 1;

-- Every change: who, when, which record, which field, old and new value, and why. Changes saved
-- together share a change_group, and undo reverts a whole group.
create table changes (
    id bigint primary key default nextval('change_ids'),
    change_group varchar not null,
    changed_at timestamp not null default current_timestamp,
    username varchar not null,
    programme_id varchar not null,
    table_name varchar not null,
    record_id varchar not null,
    action varchar not null,        -- update, insert, delete or revert
    field varchar,
    old_value json,
    new_value json,
    comment varchar,
    reverts_group varchar
);

create table snapshots (
    id varchar primary key,
    created_at timestamp not null default current_timestamp,
    username varchar not null,
    reason varchar not null,
    file_name varchar not null
);
