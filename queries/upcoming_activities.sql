-- What comes next? Planned activities from today on, for one programme or (programme null)
-- all, soonest first.
select
    a.programme_id,
    a.id,
    a.kind,
    a.title,
    a.title_i18n,
    a.pair_id,
    a.start_date,
    a.start_precision,
    a.end_date,
    a.mode,
    c.name as city_name
from activities as a
left join cities as c on c.id = a.city_id
where a.status = 'planned'
  and a.start_date >= $today
  and ($programme_id is null or a.programme_id = $programme_id)
order by a.start_date
limit $max_rows
