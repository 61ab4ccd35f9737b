-- Adds outcomes rows prepared by the loader, given as the relation `incoming`.
insert into outcomes by name
select * from incoming
