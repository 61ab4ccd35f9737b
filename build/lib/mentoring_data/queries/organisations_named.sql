-- Which organisations have these ids? Names, kinds and links of a pair's supporting
-- organisations or of a programme's partners.
select
    o.id,
    o.name,
    o.kind,
    o.website,
    o.country,
    c.name as city_name
from organisations as o
left join cities as c on c.id = o.city_id
where list_contains($organisation_ids, o.id)
order by o.name
