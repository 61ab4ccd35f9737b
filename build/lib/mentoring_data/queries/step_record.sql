-- One action-plan step as stored, with the pair its plan belongs to; read before an edit.
select s.*, ap.pair_id
from steps as s
join action_plans as ap on ap.programme_id = s.programme_id and ap.id = s.plan_id
where s.programme_id = $programme_id and s.id = $id
