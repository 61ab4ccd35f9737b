-- Where do mentoring pairs run, country to country? For large selections the map draws one arc
-- per mentor country → mentee country, with the number of pairs and their plan steps.
select
    mentor_country,
    mentee_country,
    avg(mentor_lat) as mentor_lat,
    avg(mentor_lon) as mentor_lon,
    avg(mentee_lat) as mentee_lat,
    avg(mentee_lon) as mentee_lon,
    count(*) as pairs,
    sum(steps_done) as steps_done,
    sum(steps_total) as steps_total,
    sum(visits_done) as visits_done,
    sum(visits_total) as visits_total
from pair_overview
where ($programme_id is null or programme_id = $programme_id)
  and mentor_lat is not null
  and mentee_lat is not null
group by mentor_country, mentee_country
order by pairs desc
