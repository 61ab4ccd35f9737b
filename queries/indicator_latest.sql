-- What is each indicator's latest value against its target, for one programme or (null) all?
-- The summary table of the Indicators page.
select
    i.programme_id,
    i.id as indicator_id,
    i.name,
    i.name_i18n,
    i.unit,
    i.target,
    arg_max(v.value, v.value_date) as latest_value,
    max(v.value_date) as latest_date,
    count(v.value) as values_recorded
from indicators as i
left join indicator_values as v
    on v.programme_id = i.programme_id and v.indicator_id = i.id
where $programme_id is null or i.programme_id = $programme_id
group by i.programme_id, i.id, i.name, i.name_i18n, i.unit, i.target
order by i.programme_id, i.name
