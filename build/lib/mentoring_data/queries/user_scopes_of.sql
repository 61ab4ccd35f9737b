-- Which programmes and pairs may this editor change? A null pair means the whole programme.
select programme_id, pair_id
from user_scopes
where username = $username
order by programme_id, pair_id
