-- How many steps (dropped ones aside) does each plan have? The ceiling lines of the burn-up.
select
    plan_title,
    count(*) as steps
from plan_steps
where status <> 'dropped'
  and ($programme_id is null or programme_id = $programme_id)
  and ($pair_id is null or pair_id = $pair_id)
group by plan_title
