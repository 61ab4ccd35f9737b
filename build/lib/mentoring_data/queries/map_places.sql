-- Which places does the map show for one programme or (programme null) all? Every city a
-- programme declares, and each organisation that is itself a pair's side, with its role.
with roles as (
    select programme_id, mentor_id as id, true as is_mentor, false as is_mentee from pairs
    union all
    select programme_id, mentee_id as id, false as is_mentor, true as is_mentee from pairs
),
declared as (
    select programme_id, id from city_declarations
    union all
    select programme_id, id from organisation_declarations
)
select
    pl.id,
    pl.name,
    pl.country,
    pl.lat,
    pl.lon,
    pl.population,
    pl.foreign_origin_pct,
    pl.place_kind,
    string_agg(distinct d.programme_id, ', ' order by d.programme_id) as programmes,
    coalesce(bool_or(r.is_mentor), false) as is_mentor,
    coalesce(bool_or(r.is_mentee), false) as is_mentee
from places as pl
join declared as d on d.id = pl.id
left join roles as r on r.id = pl.id and r.programme_id = d.programme_id
where pl.lat is not null
  and ($programme_id is null or d.programme_id = $programme_id)
group by all
having pl.place_kind = 'city' or bool_or(r.id is not null)
order by pl.population desc nulls last, pl.name
