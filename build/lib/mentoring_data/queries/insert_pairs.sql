-- Adds pairs rows prepared by the loader, given as the relation `incoming`.
insert into pairs by name
select * from incoming
