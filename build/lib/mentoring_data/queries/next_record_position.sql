-- Where does a new activity, outcome or pair go? After the programme's last one of that kind.
select coalesce(max(position), -1) + 1 as position
from (
    select position from activities where programme_id = $programme_id and $table_name = 'activities'
    union all
    select position from outcomes where programme_id = $programme_id and $table_name = 'outcomes'
    union all
    select position from pairs where programme_id = $programme_id and $table_name = 'pairs'
    union all
    select position from indicator_values
    where programme_id = $programme_id and $table_name = 'indicator_values'
)
