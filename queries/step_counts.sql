-- How many steps match the action-plan filters, how many are done and how many are late?
-- Same filters as steps, counted over every matching step.
select
    count(*) as steps,
    count(*) filter (where status = 'done') as done,
    count(*) filter (where status not in ('done', 'dropped') and due_date < $today) as late
from plan_steps
where ($programme_id is null or programme_id = $programme_id)
  and ($pair_id is null or pair_id = $pair_id)
  and (len($statuses) = 0 or list_contains($statuses, status))
  and ($owner is null or owner = $owner)
