-- What number does the next new city or organisation declaration get?
select coalesce(max(declared_seq), 0) + 1 as next_seq
from (
    select declared_seq from city_declarations
    union all
    select declared_seq from organisation_declarations
)
