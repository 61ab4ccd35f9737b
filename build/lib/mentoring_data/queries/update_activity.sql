-- Writes an edited activity if nobody changed it since it was read (same version); returns the
-- new version, or no row when someone else's change came first.
update activities
set kind = $kind,
    title = $title,
    title_i18n = $title_i18n,
    pair_id = $pair_id,
    sequence = $sequence,
    start_date = $start_date,
    start_precision = $start_precision,
    end_date = $end_date,
    end_precision = $end_precision,
    city_id = $city_id,
    mode = $mode,
    status = $status,
    participants = $participants,
    summary = $summary,
    summary_i18n = $summary_i18n,
    sources = $sources,
    version = version + 1
where programme_id = $programme_id and id = $id and version = $version
returning version
