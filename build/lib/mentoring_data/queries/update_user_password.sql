-- Sets an account's password hash and lifts any sign-in lock.
update users
set password_hash = $password_hash, failed_attempts = 0, locked_until = null
where username = $username
