-- Which programmes are stored, with what they hold? Feeds the programme selector and the
-- landing list.
select
    p.id,
    p.name,
    p.title,
    p.title_i18n,
    p.kind,
    p.coordinator,
    p.start_date,
    p.start_precision,
    p.end_date,
    p.end_precision,
    p.website,
    p.summary,
    p.summary_i18n,
    p.themes,
    p.sources,
    (select count(*) from pairs as x where x.programme_id = p.id) as pairs,
    (select count(*) from activities as x where x.programme_id = p.id) as activities,
    (select count(*) from steps as x where x.programme_id = p.id) as steps,
    (select count(*) from outcomes as x where x.programme_id = p.id) as outcomes,
    (select count(*) from organisation_declarations as x where x.programme_id = p.id)
        as organisations,
    (select count(*) from indicators as x where x.programme_id = p.id) as indicators
from programmes as p
order by p.start_date nulls last, p.id
