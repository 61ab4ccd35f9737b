-- Writes an edited pair if nobody changed it since it was read (same version); returns the new
-- version, or no row when someone else's change came first.
update pairs
set mentor_id = $mentor_id,
    mentee_id = $mentee_id,
    supporting = $supporting,
    theme = $theme,
    theme_i18n = $theme_i18n,
    status = $status,
    replaced_by = $replaced_by,
    challenges = $challenges,
    strengths = $strengths,
    good_practices = $good_practices,
    sources = $sources,
    version = version + 1
where programme_id = $programme_id and id = $id and version = $version
returning version
