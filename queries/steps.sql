-- Which action-plan steps match the filters? For one programme or (null) all, one pair or
-- (null) all, the statuses listed (empty = all) and an owner (null = any); with lateness.
select
    s.programme_id,
    s.pair_id,
    s.plan_id,
    s.plan_title,
    ap.title_i18n as plan_title_i18n,
    s.id,
    s.title,
    s.title_i18n,
    s.owner,
    s.start_date,
    s.start_precision,
    s.due_date,
    s.due_precision,
    s.status,
    s.progress,
    s.evidence,
    s.sources,
    s.version,
    s.position,
    case
        when s.status not in ('done', 'dropped') and s.due_date < $today
            then date_diff('day', s.due_date, $today)
    end as days_late,
    po.mentor_name,
    po.mentee_name
from plan_steps as s
join action_plans as ap on ap.programme_id = s.programme_id and ap.id = s.plan_id
left join pair_overview as po on po.programme_id = s.programme_id and po.pair_id = s.pair_id
where ($programme_id is null or s.programme_id = $programme_id)
  and ($pair_id is null or s.pair_id = $pair_id)
  and (len($statuses) = 0 or list_contains($statuses, s.status))
  and ($owner is null or s.owner = $owner)
order by s.programme_id, s.position
limit $max_rows
