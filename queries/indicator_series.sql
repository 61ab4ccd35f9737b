-- How did each indicator move over time against its target, for one programme or (null) all?
select
    i.programme_id,
    i.id as indicator_id,
    i.name,
    i.name_i18n,
    i.unit,
    i.target,
    i.pair_id,
    v.value_date,
    v.value_precision,
    v.value,
    v.sources
from indicators as i
left join indicator_values as v
    on v.programme_id = i.programme_id and v.indicator_id = i.id
where $programme_id is null or i.programme_id = $programme_id
order by i.programme_id, i.position, v.value_date
