-- Records changes prepared by the editor, given as the relation `incoming`, in the same
-- transaction as the changes themselves.
insert into changes by name
select * from incoming
