CREATE TABLE "session_modes" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"paragraph_id" text,
	"paragraph_since" timestamp with time zone,
	"floor_affiliation_id" uuid,
	"floor_since" timestamp with time zone,
	"version" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "session_modes_paragraph_since" CHECK ("session_modes"."paragraph_id" IS NULL OR "session_modes"."paragraph_since" IS NOT NULL),
	CONSTRAINT "session_modes_floor_since" CHECK ("session_modes"."floor_affiliation_id" IS NULL OR "session_modes"."floor_since" IS NOT NULL),
	CONSTRAINT "session_modes_version_positive" CHECK ("session_modes"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "session_modes" ADD CONSTRAINT "session_modes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_modes" ADD CONSTRAINT "session_modes_floor_affiliation_id_affiliations_id_fk" FOREIGN KEY ("floor_affiliation_id") REFERENCES "public"."affiliations"("id") ON DELETE set null ON UPDATE no action;