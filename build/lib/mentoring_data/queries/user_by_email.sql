-- Which account belongs to the e-mail an identity provider vouched for?
select username, password_hash, role, email, failed_attempts, locked_until
from users
where lower(email) = lower($email)
