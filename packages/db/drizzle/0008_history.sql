CREATE TABLE "history_sessions" (
	"document_id" uuid NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"author_role" "member_role",
	"source" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"updates" bigint NOT NULL,
	"touched" text[] NOT NULL,
	CONSTRAINT "history_sessions_document_id_from_seq_pk" PRIMARY KEY("document_id","from_seq"),
	CONSTRAINT "history_sessions_span" CHECK ("history_sessions"."from_seq" <= "history_sessions"."to_seq")
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"label" text NOT NULL,
	"symbol" text,
	"status_date" date,
	"note" text,
	"seq" bigint NOT NULL,
	"base_seq" bigint,
	"concordance" jsonb,
	"created_by" uuid NOT NULL,
	"created_role" "member_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revisions_label_present" CHECK (length(trim("revisions"."label")) > 0),
	CONSTRAINT "revisions_seq_nonnegative" CHECK ("revisions"."seq" >= 0),
	CONSTRAINT "revisions_renumbered" CHECK (("revisions"."base_seq" IS NULL) = ("revisions"."concordance" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "document_updates" ADD COLUMN "touched" text[];--> statement-breakpoint
ALTER TABLE "document_updates" ADD COLUMN "author_role" "member_role";--> statement-breakpoint
ALTER TABLE "history_sessions" ADD CONSTRAINT "history_sessions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_sessions" ADD CONSTRAINT "history_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_document_label_key" ON "revisions" USING btree ("document_id",lower("label"));--> statement-breakpoint
CREATE INDEX "revisions_document_seq_idx" ON "revisions" USING btree ("document_id","seq");
--> statement-breakpoint
-- A named revision is what delegations cite: it is never changed, and leaves only with its document.
CREATE FUNCTION revisions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM documents WHERE id = OLD.document_id) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'revisions are immutable' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER revisions_no_update_or_delete
  BEFORE UPDATE OR DELETE ON revisions
  FOR EACH ROW EXECUTE FUNCTION revisions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER revisions_no_truncate
  BEFORE TRUNCATE ON revisions
  FOR EACH STATEMENT EXECUTE FUNCTION revisions_refuse_change();
