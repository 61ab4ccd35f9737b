-- Records a snapshot of the programme data, taken before an import.
insert into snapshots (id, username, reason, file_name)
values ($id, $username, $reason, $file_name)
