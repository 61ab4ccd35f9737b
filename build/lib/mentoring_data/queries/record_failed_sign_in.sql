-- Counts a failed sign-in and, after too many in a row, locks the account for a while.
update users
set failed_attempts = failed_attempts + 1,
    locked_until = case
        when failed_attempts + 1 >= $max_attempts then $now + to_minutes($lock_minutes)
        else locked_until
    end
where username = $username
