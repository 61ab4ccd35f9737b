-- How many admin accounts exist? The first start creates one when there is none.
select count(*) as admins from users where role = 'admin'
