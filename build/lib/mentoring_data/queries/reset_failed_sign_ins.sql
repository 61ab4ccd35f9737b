-- Clears the failed sign-in count after a successful sign-in.
update users set failed_attempts = 0, locked_until = null where username = $username
