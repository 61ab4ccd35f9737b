-- How did each plan's done steps accumulate, month by month? Steps are dated by
-- step_done_dates; those with no date at all are not placed in time.
select
    programme_id,
    plan_id,
    plan_title,
    date_trunc('month', done_on) as month,
    count(*) as steps_done
from step_done_dates
where done_on is not null
  and ($programme_id is null or programme_id = $programme_id)
  and ($pair_id is null or pair_id = $pair_id)
group by all
order by month
