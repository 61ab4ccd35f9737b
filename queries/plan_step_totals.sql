-- How many steps (dropped ones aside) does each plan have? The ceiling lines of the burn-up.
select
    s.plan_title,
    any_value(ap.title_i18n) as plan_title_i18n,
    count(*) as steps
from plan_steps as s
join action_plans as ap on ap.programme_id = s.programme_id and ap.id = s.plan_id
where s.status <> 'dropped'
  and ($programme_id is null or s.programme_id = $programme_id)
  and ($pair_id is null or s.pair_id = $pair_id)
group by s.plan_title
