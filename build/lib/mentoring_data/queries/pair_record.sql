-- One pair as stored, with its own id as pair_id for the scope check; read before an edit.
select *, id as pair_id
from pairs
where programme_id = $programme_id and id = $id
