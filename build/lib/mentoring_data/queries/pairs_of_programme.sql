-- What are the pairs of one programme, in file order? Used to export the programme and
-- to keep record versions when its file is loaded again.
select *
from pairs
where programme_id = $programme_id
order by position
