-- What are the action plans of one programme, in file order? Used to export the programme and
-- to keep record versions when its file is loaded again.
select *
from action_plans
where programme_id = $programme_id
order by position
