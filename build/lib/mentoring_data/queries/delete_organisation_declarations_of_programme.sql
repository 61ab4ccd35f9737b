-- Removes the organisation declarations of one programme, before its file is loaded again (a file is the
-- whole truth about its programme).
delete from organisation_declarations
where programme_id = $programme_id
