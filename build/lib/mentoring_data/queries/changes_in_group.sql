-- What did one save change? Every change of a group, last first, for undoing it.
select *
from changes
where change_group = $change_group
order by id desc
