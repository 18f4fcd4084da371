CREATE TABLE "alert_acts" (
	"id" serial PRIMARY KEY NOT NULL,
	"alert_id" integer NOT NULL,
	"act" text NOT NULL,
	"person_id" integer,
	"at" timestamp with time zone NOT NULL,
	"detail" text,
	"message_id" integer
);
--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_acted_by_people_id_fk";
--> statement-breakpoint
ALTER TABLE "alert_acts" ADD CONSTRAINT "alert_acts_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_acts" ADD CONSTRAINT "alert_acts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_acts" ADD CONSTRAINT "alert_acts_message_id_customer_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."customer_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_acts_once_uq" ON "alert_acts" USING btree ("alert_id","act");--> statement-breakpoint
INSERT INTO "alert_acts" ("alert_id", "act", "person_id", "at", "detail")
  SELECT "id", "action", "acted_by", coalesce("acted_at", "created_at"), "action_detail" FROM "alerts" WHERE "action" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" DROP COLUMN "action";--> statement-breakpoint
ALTER TABLE "alerts" DROP COLUMN "acted_by";--> statement-breakpoint
ALTER TABLE "alerts" DROP COLUMN "acted_at";--> statement-breakpoint
ALTER TABLE "alerts" DROP COLUMN "action_detail";