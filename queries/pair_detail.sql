-- Everything stored on one pair itself: both sides, status, theme, challenges, strengths,
-- good practices, supporting organisations and sources.
select
    po.*,
    p.theme_i18n,
    p.supporting,
    p.challenges,
    p.strengths,
    p.good_practices,
    p.sources,
    pr.name as programme_name
from pair_overview as po
join pairs as p on p.programme_id = po.programme_id and p.id = po.pair_id
join programmes as pr on pr.id = po.programme_id
where po.programme_id = $programme_id and po.pair_id = $pair_id
