-- The (status, created_at) index no longer holds pending and processing tasks.
--
-- Why: with statistics taken while the queue was empty (ANALYZE runs when the table is idle), the planner thinks
-- 'pending' is rare and serves the claim ("status = 'pending' AND run_at <= now() ORDER BY run_at, id LIMIT n") from
-- this index: it reads every pending row and sorts them, for each claim, so a backlog of 100k tasks drained at
-- ~400 tasks/s until autovacuum analyzed the table again (seen in the benchmark, docs/performance.md). The claim and
-- the lease sweep have their own partial indexes (task_pending_idx, task_processing_idx); without queue states in
-- this one, those are the only indexes that can serve them. Lists, the dashboard and retention filter on finished
-- or held states, which this index still serves; a claim no longer writes an entry into it either.
DROP INDEX IF EXISTS task_status_created_idx;
CREATE INDEX task_status_created_idx ON task (status, created_at) WHERE status NOT IN ('pending', 'processing');
