-- Remembers a sign-in by the hash of the token the browser keeps.
insert into sign_in_sessions (token_hash, username, created_at, expires_at)
values ($token_hash, $username, $created_at, $expires_at)
