-- How did each plan's done steps accumulate? Until edits are recorded, a done step counts from
-- its due date (else its start date); steps with neither are not placed in time.
select
    s.programme_id,
    s.plan_id,
    s.plan_title,
    date_trunc('month', coalesce(s.due_date, s.start_date)) as month,
    count(*) as steps_done
from plan_steps as s
where s.status = 'done'
  and coalesce(s.due_date, s.start_date) is not null
  and ($programme_id is null or s.programme_id = $programme_id)
  and ($pair_id is null or s.pair_id = $pair_id)
group by all
order by month
