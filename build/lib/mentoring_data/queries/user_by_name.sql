-- Who is this account: its password hash, role, e-mail and sign-in throttling state?
select username, password_hash, role, email, failed_attempts, locked_until
from users
where username = $username
