-- Has this save already been undone?
select count(*) as reverts
from changes
where reverts_group = $change_group
