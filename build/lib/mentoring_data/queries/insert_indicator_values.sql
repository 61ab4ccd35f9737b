-- Adds indicator values rows prepared by the loader, given as the relation `incoming`.
insert into indicator_values by name
select * from incoming
