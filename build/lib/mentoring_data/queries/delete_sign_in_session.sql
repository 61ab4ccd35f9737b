-- Forgets a sign-in (signing out), and every expired one with it.
delete from sign_in_sessions
where token_hash = $token_hash or expires_at <= $now
