-- How did each plan's done steps accumulate? A step counts from the last time it was marked
-- done in the dashboard (its change history); a step done in its file, with no such change,
-- counts from its due date (else its start date); steps with neither are not placed in time.
with done_in_app as (
    select programme_id, record_id as step_id, max(changed_at) as done_at
    from changes
    where table_name = 'steps' and field = 'status' and new_value = '"done"'
    group by programme_id, record_id
)
select
    s.programme_id,
    s.plan_id,
    s.plan_title,
    date_trunc('month', coalesce(cast(d.done_at as date), s.due_date, s.start_date)) as month,
    count(*) as steps_done
from plan_steps as s
left join done_in_app as d on d.programme_id = s.programme_id and d.step_id = s.id
where s.status = 'done'
  and coalesce(cast(d.done_at as date), s.due_date, s.start_date) is not null
  and ($programme_id is null or s.programme_id = $programme_id)
  and ($pair_id is null or s.pair_id = $pair_id)
group by all
order by month
