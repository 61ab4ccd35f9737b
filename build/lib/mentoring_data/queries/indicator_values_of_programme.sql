-- What are the indicator values of one programme, in file order? Used to export the programme and
-- to keep record versions when its file is loaded again.
select *
from indicator_values
where programme_id = $programme_id
order by position
