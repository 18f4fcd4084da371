CREATE TABLE "invoice_sequences" (
	"issuer_id" text NOT NULL,
	"kind" text NOT NULL,
	"next" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "invoice_sequences_issuer_id_kind_pk" PRIMARY KEY("issuer_id","kind")
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "legal_number" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "issuer_id" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tax_total" bigint;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "parties" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_legal_number_uq" ON "invoices" USING btree ("issuer_id","legal_number");