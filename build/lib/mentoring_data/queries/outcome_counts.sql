-- How many outcomes of each kind are in each status, for one programme or (null) all?
select
    kind,
    status,
    count(*) as outcomes
from outcomes
where $programme_id is null or programme_id = $programme_id
group by kind, status
order by kind, status
