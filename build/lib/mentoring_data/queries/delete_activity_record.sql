-- Removes one activity if nobody changed it since it was read (same version); returns its id,
-- or no row when someone else's change came first.
delete from activities
where programme_id = $programme_id and id = $id and version = $version
returning id
