-- The website's directory lists some networks by department only (`network: ''`): the
-- department has a network whose name the site does not know. Such a network is kept
-- with a readable name ("<Department> network (name not known)") and this flag, so
-- every list shows something sensible and the exported directory writes `network: ''`
-- back as the website had it.
ALTER TABLE network ADD COLUMN name_known INTEGER NOT NULL DEFAULT 1 CHECK (name_known IN (0, 1));
