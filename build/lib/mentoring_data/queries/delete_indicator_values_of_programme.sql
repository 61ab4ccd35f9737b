-- Removes the indicator values of one programme, before its file is loaded again (a file is the
-- whole truth about its programme).
delete from indicator_values
where programme_id = $programme_id
