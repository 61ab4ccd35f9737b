-- Adds indicators rows prepared by the loader, given as the relation `incoming`.
insert into indicators by name
select * from incoming
