-- Adds action plans rows prepared by the loader, given as the relation `incoming`.
insert into action_plans by name
select * from incoming
