-- Sign-ins that survive a page reload: the browser keeps a random token in a cookie, the
-- database keeps only its SHA-256 hash and when it expires.
create table sign_in_sessions (
    token_hash varchar primary key,
    username varchar not null,
    created_at timestamp not null,
    expires_at timestamp not null
);
