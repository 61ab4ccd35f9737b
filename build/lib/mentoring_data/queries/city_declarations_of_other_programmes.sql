-- Which cities do programmes other than the given ones declare? Used to check that a file's
-- shared cities agree with what is already stored.
select
    programme_id,
    id,
    name_i18n,
    country,
    lat,
    lon,
    population,
    population_year,
    foreign_origin_pct
from city_declarations
where not list_contains($programme_ids, programme_id)
order by declared_seq, id
