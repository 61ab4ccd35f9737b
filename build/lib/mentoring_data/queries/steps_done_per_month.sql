-- How did the selected plans' done steps accumulate, all plans together? Used instead of one
-- line per plan when many plans are selected; steps are dated by step_done_dates.
select
    date_trunc('month', done_on) as month,
    count(*) as steps_done
from step_done_dates
where done_on is not null
  and ($programme_id is null or programme_id = $programme_id)
  and ($pair_id is null or pair_id = $pair_id)
group by all
order by month
