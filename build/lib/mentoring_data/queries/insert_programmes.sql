-- Adds programmes rows prepared by the loader, given as the relation `incoming`.
insert into programmes by name
select * from incoming
