-- Changes an account's role (its scopes are replaced separately).
update users set role = $role where username = $username
