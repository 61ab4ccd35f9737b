-- Removes the pairs of one programme, before its file is loaded again (a file is the
-- whole truth about its programme).
delete from pairs
where programme_id = $programme_id
