-- Adds organisation declarations rows prepared by the loader, given as the relation `incoming`.
insert into organisation_declarations by name
select * from incoming
