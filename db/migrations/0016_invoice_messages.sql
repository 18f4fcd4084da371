ALTER TABLE "customer_messages" ALTER COLUMN "job_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_messages" ADD COLUMN "invoice_id" integer;--> statement-breakpoint
ALTER TABLE "customer_messages" ADD CONSTRAINT "customer_messages_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_messages_invoice_idx" ON "customer_messages" USING btree ("invoice_id");--> statement-breakpoint
ALTER TABLE "customer_messages" ADD CONSTRAINT "customer_messages_about_ck" CHECK ("customer_messages"."job_id" is not null or "customer_messages"."invoice_id" is not null);