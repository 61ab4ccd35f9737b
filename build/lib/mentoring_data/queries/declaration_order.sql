-- In which order were the shared cities and organisations first declared? Reloading a file
-- keeps its declarations' place in that order, so stored names do not change on reload.
select 'city' as kind, programme_id, id, declared_seq from city_declarations
union all
select 'organisation' as kind, programme_id, id, declared_seq from organisation_declarations
