-- Removes every editing scope of an account, before its new scopes are written.
delete from user_scopes where username = $username
