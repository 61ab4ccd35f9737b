-- Which accounts exist, with their roles and scopes? The admin's list of users.
select
    u.username,
    u.role,
    u.email,
    u.created_at,
    u.locked_until,
    string_agg(s.programme_id || coalesce('/' || s.pair_id, ''), ', ') as scopes
from users as u
left join user_scopes as s on s.username = u.username
group by all
order by u.username
