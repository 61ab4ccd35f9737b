-- Adds city declarations rows prepared by the loader, given as the relation `incoming`.
insert into city_declarations by name
select * from incoming
