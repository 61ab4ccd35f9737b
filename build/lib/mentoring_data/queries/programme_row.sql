-- What does the store hold about one programme itself? Used to export it.
select *
from programmes
where id = $programme_id
