-- Which changes match the History page's filters? For one programme or (null) all, one user or
-- (null) anyone, one kind of record or (null) any; newest first.
select
    id,
    change_group,
    changed_at,
    username,
    programme_id,
    table_name,
    record_id,
    action,
    field,
    old_value,
    new_value,
    comment,
    reverts_group
from changes
where ($programme_id is null or programme_id = $programme_id)
  and ($username is null or username = $username)
  and ($table_name is null or table_name = $table_name)
order by id desc
limit $max_rows
