-- Removes the action plans of one programme, before its file is loaded again (a file is the
-- whole truth about its programme).
delete from action_plans
where programme_id = $programme_id
