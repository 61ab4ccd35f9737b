-- Which cities and organisations do programmes other than the given ones refer to? A load may
-- not remove a place that another stored programme still uses.
select distinct programme_id, ref_id
from (
    select programme_id, mentor_id as ref_id from pairs
    union all
    select programme_id, mentee_id from pairs
    union all
    select programme_id, unnest(from_json(supporting, '["VARCHAR"]')) from pairs
    union all
    select programme_id, city_id from activities where city_id is not null
    union all
    select programme_id, owner_id from outcomes where owner_id is not null
    union all
    select programme_id, city_id from organisation_declarations where city_id is not null
)
where not list_contains($programme_ids, programme_id)
order by programme_id, ref_id
