-- When was each done step done? The last time it was marked done in the dashboard, else (a
-- step done in its programme file) its due date, else its start date. Feeds the burn-up.
create view step_done_dates as
with done_in_app as (
    select programme_id, record_id as step_id, max(changed_at) as done_at
    from changes
    where table_name = 'steps' and field = 'status' and new_value = '"done"'
    group by programme_id, record_id
)
select
    s.programme_id,
    s.pair_id,
    s.plan_id,
    s.plan_title,
    s.id,
    coalesce(cast(d.done_at as date), s.due_date, s.start_date) as done_on
from plan_steps as s
left join done_in_app as d on d.programme_id = s.programme_id and d.step_id = s.id
where s.status = 'done';
