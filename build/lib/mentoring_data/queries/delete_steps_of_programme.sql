-- Removes the steps of one programme, before its file is loaded again (a file is the
-- whole truth about its programme).
delete from steps
where programme_id = $programme_id
