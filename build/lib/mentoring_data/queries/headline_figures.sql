-- The overview's headline figures for one programme or (programme null) all: study visits
-- done and planned, plan steps done and in total, outcomes delivered, the next activity.
select
    (select count(*) from activities
     where kind = 'study-visit' and status = 'done'
       and ($programme_id is null or programme_id = $programme_id)) as visits_done,
    (select count(*) from activities
     where kind = 'study-visit' and status in ('planned', 'postponed')
       and ($programme_id is null or programme_id = $programme_id)) as visits_planned,
    (select count(*) from steps
     where status = 'done'
       and ($programme_id is null or programme_id = $programme_id)) as steps_done,
    (select count(*) from steps
     where status <> 'dropped'
       and ($programme_id is null or programme_id = $programme_id)) as steps_total,
    (select count(*) from outcomes
     where status = 'delivered'
       and ($programme_id is null or programme_id = $programme_id)) as outcomes_delivered,
    (select count(*) from outcomes
     where ($programme_id is null or programme_id = $programme_id)) as outcomes_total,
    (select min(start_date) from activities
     where status = 'planned' and start_date >= $today
       and ($programme_id is null or programme_id = $programme_id)) as next_activity_date
