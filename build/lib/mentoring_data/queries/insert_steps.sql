-- Adds steps rows prepared by the loader, given as the relation `incoming`.
insert into steps by name
select * from incoming
