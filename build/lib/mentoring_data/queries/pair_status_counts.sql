-- How many pairs are in each status, for one programme or (programme null) for all?
select
    status,
    count(*) as pairs
from pairs
where $programme_id is null or programme_id = $programme_id
group by status
