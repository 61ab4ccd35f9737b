-- One activity as stored, with its pair; read before an edit.
select *
from activities
where programme_id = $programme_id and id = $id
