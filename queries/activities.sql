-- Which activities match the timeline's filters? For one programme or (null) all, one pair or
-- (null) all, and the kinds listed (an empty list means every kind); in date order.
select
    a.programme_id,
    a.id,
    a.kind,
    a.title,
    a.title_i18n,
    a.pair_id,
    a.sequence,
    a.start_date,
    a.start_precision,
    a.end_date,
    a.end_precision,
    a.mode,
    a.status,
    a.participants,
    a.summary,
    a.summary_i18n,
    a.sources,
    a.version,
    c.name as city_name,
    po.mentor_name,
    po.mentee_name
from activities as a
left join cities as c on c.id = a.city_id
left join pair_overview as po on po.programme_id = a.programme_id and po.pair_id = a.pair_id
where ($programme_id is null or a.programme_id = $programme_id)
  and ($pair_id is null or a.pair_id = $pair_id)
  and (len($kinds) = 0 or list_contains($kinds, a.kind))
order by a.start_date, a.position
limit $max_rows
