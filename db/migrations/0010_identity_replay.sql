CREATE TABLE "chat_invocations" (
	"platform" text NOT NULL,
	"id" text NOT NULL,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_invocations_platform_id_pk" PRIMARY KEY("platform","id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "outcome_unknown" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "chat_invocations_created_idx" ON "chat_invocations" USING btree ("created_at");