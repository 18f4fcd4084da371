ALTER TABLE "customer_messages" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "customer_messages" ADD COLUMN "edited_by" integer;--> statement-breakpoint
ALTER TABLE "customer_messages" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_messages" ADD CONSTRAINT "customer_messages_edited_by_people_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;