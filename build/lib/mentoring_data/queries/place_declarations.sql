-- What does each programme file say about these places? City profile figures with their year
-- and sources, for the pair page.
select
    d.id,
    d.programme_id,
    d.name,
    d.country,
    d.population,
    d.population_year,
    d.foreign_origin_pct,
    d.sources
from city_declarations as d
where list_contains($place_ids, d.id)
order by d.id, d.declared_seq
