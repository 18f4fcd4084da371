CREATE INDEX "credits_job_idx" ON "credits" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "disputes_line_idx" ON "disputes" USING btree ("invoice_id","line_no");--> statement-breakpoint
CREATE INDEX "invoice_lines_job_idx" ON "invoice_lines" USING btree ("job_id") WHERE "invoice_lines"."job_id" is not null;--> statement-breakpoint
CREATE INDEX "invoices_issued_idx" ON "invoices" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "jobs_closed_idx" ON "jobs" USING btree ("closed_at") WHERE "jobs"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "jobs_open_breached_idx" ON "jobs" USING btree ("reported_at") WHERE "jobs"."closed_at" is null and ("jobs"."response_breached" or "jobs"."restore_breached");