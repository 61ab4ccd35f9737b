-- Which pairs can be picked, for one programme or (programme null) all? Labels for selectors.
select
    programme_id,
    pair_id,
    mentor_id,
    mentee_id,
    mentor_name,
    mentee_name,
    status
from pair_overview
where $programme_id is null or programme_id = $programme_id
order by programme_id, position
