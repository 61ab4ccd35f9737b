-- Which programmes have a pair with this id? Resolves a /pairs?pair=ID link.
select programme_id
from pairs
where id = $pair_id
order by programme_id
