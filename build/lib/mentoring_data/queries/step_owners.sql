-- Who owns action-plan steps, for one programme or (null) all? Options of the owner filter.
select distinct owner
from steps
where owner is not null
  and ($programme_id is null or programme_id = $programme_id)
order by owner
