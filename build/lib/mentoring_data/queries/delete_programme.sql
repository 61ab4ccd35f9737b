-- Removes one programme's own row, before its file is loaded again.
delete from programmes
where id = $programme_id
