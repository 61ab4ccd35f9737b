-- Which changes does the history hold, oldest first? Compared between a database and a backup
-- of it, they tell which changes a restore would lose.
select id, change_group, changed_at, username, programme_id, table_name, record_id, action
from changes
order by id
