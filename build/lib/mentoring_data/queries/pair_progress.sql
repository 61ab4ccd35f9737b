-- Where does every pair stand? One row per pair with both sides, coordinates and counts of
-- plan steps and study visits; for one programme or (programme null) all.
select
    po.*,
    pr.name as programme_name
from pair_overview as po
join programmes as pr on pr.id = po.programme_id
where $programme_id is null or po.programme_id = $programme_id
order by po.programme_id, po.position
