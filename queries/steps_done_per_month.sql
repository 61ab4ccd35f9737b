-- How did the selected plans' done steps accumulate, all plans together? Used instead of one
-- line per plan when many plans are selected; a done step counts from its due (else start) date.
select
    date_trunc('month', coalesce(s.due_date, s.start_date)) as month,
    count(*) as steps_done
from plan_steps as s
where s.status = 'done'
  and coalesce(s.due_date, s.start_date) is not null
  and ($programme_id is null or s.programme_id = $programme_id)
  and ($pair_id is null or s.pair_id = $pair_id)
group by all
order by month
