-- Task search (admin UI and API: ?q=) looks for a substring in ref, scope, endpoint path, client name and
-- payload. A trigram index on that text keeps it fast with millions of tasks. pg_trgm ships with PostgreSQL
-- and is a trusted extension (PG 13+); where it cannot be created, search still works, unindexed.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%): task search stays unindexed', SQLERRM;
        RETURN;
    END;
    EXECUTE 'CREATE INDEX IF NOT EXISTS task_search_trgm_idx ON task USING gin ('
        || '(coalesce(ref, '''') || '' '' || coalesce(scope, '''') || '' '' || endpoint_path || '' '' '
        || '|| coalesce(client_name, '''') || '' '' || CAST(payload AS text)) gin_trgm_ops)';
END
$$;
