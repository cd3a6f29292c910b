-- The document log is append-only: rows are added, never changed, and leave only with their document.
CREATE FUNCTION document_updates_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- ON DELETE CASCADE from documents runs after the document row is gone; a delete while the
  -- document still exists is someone rewriting history.
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM documents WHERE id = OLD.document_id) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'document_updates is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_updates_no_update_or_delete
  BEFORE UPDATE OR DELETE ON document_updates
  FOR EACH ROW EXECUTE FUNCTION document_updates_refuse_change();
--> statement-breakpoint
CREATE TRIGGER document_updates_no_truncate
  BEFORE TRUNCATE ON document_updates
  FOR EACH STATEMENT EXECUTE FUNCTION document_updates_refuse_change();
