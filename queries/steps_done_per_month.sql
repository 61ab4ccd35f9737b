-- How did the selected plans' done steps accumulate, all plans together? Used instead of one
-- line per plan when many plans are selected; dated like plan_burnup.
with done_in_app as (
    select programme_id, record_id as step_id, max(changed_at) as done_at
    from changes
    where table_name = 'steps' and field = 'status' and new_value = '"done"'
    group by programme_id, record_id
)
select
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
