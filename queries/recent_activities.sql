-- What happened last? Done activities, most recent first, for one programme or (programme
-- null) all; shown when nothing is planned.
select
    a.programme_id,
    a.id,
    a.kind,
    a.title,
    a.title_i18n,
    a.pair_id,
    a.start_date,
    a.start_precision,
    a.mode,
    c.name as city_name
from activities as a
left join cities as c on c.id = a.city_id
where a.status = 'done'
  and ($programme_id is null or a.programme_id = $programme_id)
order by a.start_date desc
limit $max_rows
