ALTER TABLE "people" ADD COLUMN "skills" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "hours" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "on_call" text;