DROP INDEX "alerts_key_uq";--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "credits" ADD COLUMN "priority" text;--> statement-breakpoint
ALTER TABLE "credits" ADD COLUMN "reverses_id" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "credits_reverses_uq" ON "credits" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_key_uq" ON "alerts" USING btree ("job_id","window","level") WHERE "alerts"."closed_at" is null;