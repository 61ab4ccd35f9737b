-- Which programmes declare this city or organisation? Names the file to blame when a load
-- would remove a place that is still in use.
select programme_id from city_declarations where id = $place_id
union
select programme_id from organisation_declarations where id = $place_id
