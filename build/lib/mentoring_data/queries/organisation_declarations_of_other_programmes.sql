-- Which organisations do programmes other than the given ones declare? Used to check a file's
-- shared organisations and references against what is already stored.
select
    programme_id,
    id,
    name_i18n,
    kind,
    city_id,
    country,
    website
from organisation_declarations
where not list_contains($programme_ids, programme_id)
order by declared_seq, id
