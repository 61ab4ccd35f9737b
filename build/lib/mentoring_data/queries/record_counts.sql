-- How many records of each kind does the store hold? Answers `python -m mentoring_data stats`.
select
    (select count(*) from programmes) as programmes,
    (select count(*) from cities) as cities,
    (select count(*) from organisations) as organisations,
    (select count(*) from pairs) as pairs,
    (select count(*) from activities) as activities,
    (select count(*) from action_plans) as action_plans,
    (select count(*) from steps) as steps,
    (select count(*) from outcomes) as outcomes,
    (select count(*) from indicators) as indicators
