-- Where does a new step go? After every step of the programme (positions order the steps).
select coalesce(max(position), -1) + 1 as position
from steps
where programme_id = $programme_id
