-- Creates an account.
insert into users (username, password_hash, role, email)
values ($username, $password_hash, $role, $email)
