-- Which snapshots can be restored? Newest first.
select id, created_at, username, reason, file_name
from snapshots
order by created_at desc
