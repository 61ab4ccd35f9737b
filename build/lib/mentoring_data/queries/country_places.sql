-- How many places does each country hold in the selection? For large selections the map draws
-- one circle per country instead of one per city.
select
    pl.country,
    avg(pl.lat) as lat,
    avg(pl.lon) as lon,
    count(distinct pl.id) as places,
    sum(pl.population) as population
from places as pl
join (
    select programme_id, id from city_declarations
    union all
    select programme_id, id from organisation_declarations
) as d on d.id = pl.id
where pl.lat is not null
  and pl.place_kind = 'city'
  and ($programme_id is null or d.programme_id = $programme_id)
group by pl.country
order by places desc
