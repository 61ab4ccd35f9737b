-- Lets an editor change one programme (pair null) or one pair of it.
insert into user_scopes (username, programme_id, pair_id)
values ($username, $programme_id, $pair_id)
