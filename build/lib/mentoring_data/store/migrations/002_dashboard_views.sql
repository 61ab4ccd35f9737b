-- Views the dashboard reads through: one row per place (a city, or an organisation placed at
-- its city) and one row per pair with both sides and its progress counts.

create view places as
select id, name, country, lat, lon, population, foreign_origin_pct, place_kind
from (
    select id, name, country, lat, lon, population, foreign_origin_pct, 'city' as place_kind
    from cities
    union all
    select o.id, o.name, coalesce(o.country, c.country), c.lat, c.lon, null, null, 'organisation'
    from organisations as o
    left join cities as c on c.id = o.city_id
)
-- an id that names both a city and an organisation means the city
qualify row_number() over (partition by id order by place_kind) = 1;

create view plan_steps as
select s.*, ap.pair_id, ap.title as plan_title
from steps as s
join action_plans as ap on ap.programme_id = s.programme_id and ap.id = s.plan_id;

create view pair_overview as
select
    p.programme_id,
    p.id as pair_id,
    p.position,
    p.status,
    p.theme,
    p.replaced_by,
    p.mentor_id,
    m.name as mentor_name,
    m.country as mentor_country,
    m.lat as mentor_lat,
    m.lon as mentor_lon,
    p.mentee_id,
    e.name as mentee_name,
    e.country as mentee_country,
    e.lat as mentee_lat,
    e.lon as mentee_lon,
    coalesce(s.steps_total, 0) as steps_total,
    coalesce(s.steps_done, 0) as steps_done,
    coalesce(v.visits_total, 0) as visits_total,
    coalesce(v.visits_done, 0) as visits_done,
    coalesce(v.activities_total, 0) as activities_total
from pairs as p
left join places as m on m.id = p.mentor_id
left join places as e on e.id = p.mentee_id
left join (
    select
        programme_id,
        pair_id,
        count(*) filter (where status <> 'dropped') as steps_total,
        count(*) filter (where status = 'done') as steps_done
    from plan_steps
    group by programme_id, pair_id
) as s on s.programme_id = p.programme_id and s.pair_id = p.id
left join (
    select
        programme_id,
        pair_id,
        count(*) filter (where kind = 'study-visit' and status <> 'cancelled') as visits_total,
        count(*) filter (where kind = 'study-visit' and status = 'done') as visits_done,
        count(*) as activities_total
    from activities
    where pair_id is not null
    group by programme_id, pair_id
) as v on v.programme_id = p.programme_id and v.pair_id = p.id;
