-- What is late? Plan steps past their due date and not done or dropped, and postponed
-- activities, for one programme or (programme null) all; oldest first.
select
    'step' as item_kind,
    s.programme_id,
    s.pair_id,
    s.id,
    s.title,
    s.title_i18n,
    s.owner,
    s.due_date as date,
    s.due_precision as date_precision,
    s.status,
    date_diff('day', s.due_date, $today) as days_late
from plan_steps as s
where s.due_date < $today
  and s.status not in ('done', 'dropped')
  and ($programme_id is null or s.programme_id = $programme_id)
union all
select
    'activity' as item_kind,
    a.programme_id,
    a.pair_id,
    a.id,
    a.title,
    a.title_i18n,
    null as owner,
    a.start_date as date,
    a.start_precision as date_precision,
    a.status,
    null as days_late
from activities as a
where a.status = 'postponed'
  and ($programme_id is null or a.programme_id = $programme_id)
order by date
limit $max_rows
