-- How far along are the pairs' action plans? Pairs counted by the share of plan steps done,
-- for one programme or (programme null) all; used when there are too many pairs to list.
select
    case
        when steps_total = 0 then 'no-plan'
        when steps_done = 0 then '0'
        when steps_done < steps_total * 0.5 then '1-49'
        when steps_done < steps_total then '50-99'
        else '100'
    end as bucket,
    count(*) as pairs
from pair_overview
where $programme_id is null or programme_id = $programme_id
group by bucket
