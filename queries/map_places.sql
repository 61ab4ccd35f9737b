-- Which places does the map show for one programme or (programme null) all? Every city a
-- programme declares, and each organisation that is itself a pair's side, with its role.
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
    bool_or(exists (
        select 1 from pairs as p
        where p.mentor_id = pl.id and p.programme_id = d.programme_id
    )) as is_mentor,
    bool_or(exists (
        select 1 from pairs as p
        where p.mentee_id = pl.id and p.programme_id = d.programme_id
    )) as is_mentee
from places as pl
join (
    select programme_id, id from city_declarations
    union all
    select programme_id, id from organisation_declarations
) as d on d.id = pl.id
where pl.lat is not null
  and (pl.place_kind = 'city' or exists (
      select 1 from pairs as p where pl.id in (p.mentor_id, p.mentee_id)))
  and ($programme_id is null or d.programme_id = $programme_id)
group by all
order by pl.population desc nulls last, pl.name
