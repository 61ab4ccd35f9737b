-- Writes an edited step if nobody changed it since it was read (same version); returns the
-- new version, or no row when someone else's change came first.
update steps
set title = $title,
    title_i18n = $title_i18n,
    owner = $owner,
    start_date = $start_date,
    start_precision = $start_precision,
    due_date = $due_date,
    due_precision = $due_precision,
    status = $status,
    progress = $progress,
    evidence = $evidence,
    sources = $sources,
    position = $position,
    version = version + 1
where programme_id = $programme_id and id = $id and version = $version
returning version
