-- CreateIndex
CREATE INDEX "UsageRollupDaily_keys_day_idx" ON "UsageRollupDaily"("shop", "model", "endpoint", "resourceType", "userId", "day");

