-- Adds activities rows prepared by the loader, given as the relation `incoming`.
insert into activities by name
select * from incoming
