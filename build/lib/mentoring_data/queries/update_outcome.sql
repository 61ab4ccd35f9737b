-- Writes an edited outcome if nobody changed it since it was read (same version); returns the
-- new version, or no row when someone else's change came first.
update outcomes
set kind = $kind,
    title = $title,
    title_i18n = $title_i18n,
    pair_id = $pair_id,
    owner_id = $owner_id,
    status = $status,
    outcome_date = $outcome_date,
    outcome_precision = $outcome_precision,
    url = $url,
    languages = $languages,
    summary = $summary,
    summary_i18n = $summary_i18n,
    sources = $sources,
    version = version + 1
where programme_id = $programme_id and id = $id and version = $version
returning version
