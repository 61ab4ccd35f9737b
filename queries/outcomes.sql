-- Which outcomes match the filters? For one programme or (null) all, the kinds and statuses
-- listed (empty = all); with their owner's name and pair.
select
    o.programme_id,
    o.id,
    o.kind,
    o.title,
    o.title_i18n,
    o.pair_id,
    o.owner_id,
    pl.name as owner_name,
    o.status,
    o.outcome_date,
    o.outcome_precision,
    o.url,
    o.languages,
    o.summary,
    o.summary_i18n,
    o.sources,
    o.version
from outcomes as o
left join places as pl on pl.id = o.owner_id
where ($programme_id is null or o.programme_id = $programme_id)
  and ($pair_id is null or o.pair_id = $pair_id)
  and (len($kinds) = 0 or list_contains($kinds, o.kind))
  and (len($statuses) = 0 or list_contains($statuses, o.status))
order by o.programme_id, o.position
limit $max_rows
