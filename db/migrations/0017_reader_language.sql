ALTER TABLE "outbox" ADD COLUMN "lang" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "posted_messages" ADD COLUMN "lang" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "language" text;