-- Which programmes are stored? Used by export and the first-run check.
select id
from programmes
order by id
