CREATE TYPE "public"."accept_mode" AS ENUM('as_proposed', 'bracketed');--> statement-breakpoint
CREATE TYPE "public"."amendment_kind" AS ENUM('replace', 'insert_after', 'delete');--> statement-breakpoint
CREATE TYPE "public"."amendment_status" AS ENUM('submitted', 'accepted', 'rejected', 'withdrawn', 'conflict');--> statement-breakpoint
CREATE TYPE "public"."support_kind" AS ENUM('support', 'cosponsor', 'endorse');--> statement-breakpoint
CREATE TABLE "amendment_supports" (
	"amendment_id" uuid NOT NULL,
	"affiliation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "member_role" NOT NULL,
	"kind" "support_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amendment_supports_amendment_id_affiliation_id_pk" PRIMARY KEY("amendment_id","affiliation_id")
);
--> statement-breakpoint
CREATE TABLE "amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"paragraph_id" text NOT NULL,
	"label" text NOT NULL,
	"kind" "amendment_kind" NOT NULL,
	"text" text,
	"justification" text,
	"status" "amendment_status" DEFAULT 'submitted' NOT NULL,
	"base_seq" bigint NOT NULL,
	"base_text" text NOT NULL,
	"proposer_id" uuid NOT NULL,
	"proposer_role" "member_role" NOT NULL,
	"proposer_affiliation_id" uuid,
	"decided_by" uuid,
	"decided_role" "member_role",
	"decided_at" timestamp with time zone,
	"reason" text,
	"mode" "accept_mode",
	"applied_seq" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amendments_text_by_kind" CHECK (("amendments"."kind" = 'delete') = ("amendments"."text" IS NULL)),
	CONSTRAINT "amendments_decision" CHECK (("amendments"."status" IN ('accepted', 'rejected', 'withdrawn')) = ("amendments"."decided_at" IS NOT NULL)),
	CONSTRAINT "amendments_applied" CHECK (("amendments"."status" = 'accepted') = ("amendments"."applied_seq" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "document_updates" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "amendment_supports" ADD CONSTRAINT "amendment_supports_amendment_id_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."amendments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_supports" ADD CONSTRAINT "amendment_supports_affiliation_id_affiliations_id_fk" FOREIGN KEY ("affiliation_id") REFERENCES "public"."affiliations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_supports" ADD CONSTRAINT "amendment_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_proposer_id_users_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_proposer_affiliation_id_affiliations_id_fk" FOREIGN KEY ("proposer_affiliation_id") REFERENCES "public"."affiliations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "amendments_document_idx" ON "amendments" USING btree ("document_id","created_at");