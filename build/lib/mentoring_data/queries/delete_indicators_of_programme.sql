-- Removes the indicators of one programme, before its file is loaded again (a file is the
-- whole truth about its programme).
delete from indicators
where programme_id = $programme_id
