-- When does each programme run? The phases drawn at the top of the timeline.
select
    id,
    name,
    start_date,
    start_precision,
    end_date,
    end_precision
from programmes
where ($programme_id is null or id = $programme_id)
  and start_date is not null
order by start_date
