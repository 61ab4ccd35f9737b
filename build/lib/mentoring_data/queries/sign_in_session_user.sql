-- Whose sign-in does this token belong to, if it has not expired?
select username, created_at
from sign_in_sessions
where token_hash = $token_hash and expires_at > $now
