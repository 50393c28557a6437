-- Task search text moves out of the task table into task_search, written once when a task is stored.
--
-- Why: a task row is updated at least twice in its life (claim, completion; more with retries), and none of those
-- updates can be HOT because status is indexed, so each one inserted the payload's trigrams into the GIN index on
-- task again. That index was ~60 % of the WAL written per delivered task (docs/performance.md). The searched
-- fields (ref, scope, endpoint path, client name, payload) never change after a task is stored, so a side table
-- filled by statement triggers keeps search exact for every writer (gateway, seed import, plain SQL) and costs
-- nothing when the queue updates a task.
--
-- Also dropped: indexes no query uses (task lists order by id, the dashboard reads status + created_at), each
-- of which every queue update wrote an entry into.
CREATE TABLE task_search (
    task_id BIGINT PRIMARY KEY,
    doc     TEXT   NOT NULL
);

CREATE FUNCTION task_search_doc(ref TEXT, scope TEXT, endpoint_path TEXT, client_name TEXT, payload JSONB)
    RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(ref, '') || ' ' || coalesce(scope, '') || ' ' || endpoint_path || ' '
           || coalesce(client_name, '') || ' ' || CAST(payload AS text)
$$;

CREATE FUNCTION task_search_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_search (task_id, doc)
    SELECT id, task_search_doc(ref, scope, endpoint_path, client_name, payload) FROM new_tasks;
    RETURN NULL;
END
$$;

CREATE FUNCTION task_search_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM task_search s USING old_tasks o WHERE s.task_id = o.id;
    RETURN NULL;
END
$$;

-- not expected (nothing updates these fields), but search must never show stale text if something does
CREATE FUNCTION task_search_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE task_search SET doc = task_search_doc(NEW.ref, NEW.scope, NEW.endpoint_path, NEW.client_name, NEW.payload)
    WHERE task_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION task_search_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE task_search;
    RETURN NULL;
END
$$;

CREATE TRIGGER task_search_insert AFTER INSERT ON task REFERENCING NEW TABLE AS new_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION task_search_on_insert();
CREATE TRIGGER task_search_delete AFTER DELETE ON task REFERENCING OLD TABLE AS old_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION task_search_on_delete();
CREATE TRIGGER task_search_update AFTER UPDATE OF ref, scope, endpoint_path, client_name, payload ON task
    FOR EACH ROW WHEN (OLD.ref IS DISTINCT FROM NEW.ref OR OLD.scope IS DISTINCT FROM NEW.scope
                       OR OLD.endpoint_path IS DISTINCT FROM NEW.endpoint_path
                       OR OLD.client_name IS DISTINCT FROM NEW.client_name OR OLD.payload IS DISTINCT FROM NEW.payload)
    EXECUTE FUNCTION task_search_on_update();
CREATE TRIGGER task_search_truncate AFTER TRUNCATE ON task
    FOR EACH STATEMENT EXECUTE FUNCTION task_search_on_truncate();

INSERT INTO task_search (task_id, doc)
SELECT id, task_search_doc(ref, scope, endpoint_path, client_name, payload) FROM task;

DROP INDEX IF EXISTS task_search_trgm_idx;
DROP INDEX IF EXISTS task_ref_idx;
DROP INDEX IF EXISTS task_scope_idx;
DROP INDEX IF EXISTS task_created_idx;

-- as in V4: without pg_trgm, search still works, unindexed
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX task_search_doc_trgm_idx ON task_search USING gin (doc gin_trgm_ops);
    ELSE
        RAISE NOTICE 'pg_trgm is not installed: task search stays unindexed';
    END IF;
END
$$;
