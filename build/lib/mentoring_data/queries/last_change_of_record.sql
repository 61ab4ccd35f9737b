-- Who last changed this record, and when? Told to an editor whose save met a newer version.
select username, changed_at, comment
from changes
where programme_id = $programme_id and table_name = $table_name and record_id = $record_id
order by id desc
limit 1
