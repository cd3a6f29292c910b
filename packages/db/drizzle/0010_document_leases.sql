CREATE TABLE "document_leases" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"node_id" text,
	"epoch" bigint NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "document_leases_epoch_positive" CHECK ("document_leases"."epoch" > 0)
);
--> statement-breakpoint
ALTER TABLE "document_leases" ADD CONSTRAINT "document_leases_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;