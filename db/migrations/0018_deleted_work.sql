ALTER TABLE "part_uses" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "part_uses" ADD COLUMN "deleted_by" integer;--> statement-breakpoint
ALTER TABLE "part_uses" ADD COLUMN "delete_reason" text;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "deleted_by" integer;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "delete_reason" text;--> statement-breakpoint
ALTER TABLE "part_uses" ADD CONSTRAINT "part_uses_deleted_by_people_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_deleted_by_people_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;