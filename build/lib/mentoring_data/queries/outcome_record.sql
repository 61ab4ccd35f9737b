-- One outcome as stored, with its pair; read before an edit.
select *
from outcomes
where programme_id = $programme_id and id = $id
