-- Which action plans exist, with their pair, for one programme? The plan choice of a new step.
select id, pair_id, title
from action_plans
where programme_id = $programme_id
order by position
