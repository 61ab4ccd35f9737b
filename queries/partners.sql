-- Which organisations take part in one programme or (programme null) all? Shown for
-- programmes whose mentoring is between people or organisations rather than city pairs.
select
    o.id,
    o.name,
    o.kind,
    o.website,
    coalesce(o.country, c.country) as country,
    c.name as city_name,
    d.programme_id
from organisation_declarations as d
join organisations as o on o.id = d.id
left join cities as c on c.id = o.city_id
where $programme_id is null or d.programme_id = $programme_id
order by d.programme_id, d.position
