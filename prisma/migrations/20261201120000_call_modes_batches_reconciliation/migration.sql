-- CreateTable
CREATE TABLE "ClaudeBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "recordedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ClaudeBatchRequest" (
    "batchId" TEXT NOT NULL,
    "customId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "speed" TEXT,
    "inferenceGeo" TEXT,
    "connectionId" TEXT,
    "fixType" TEXT,
    "resourceType" TEXT,
    "resourceId" TEXT,
    "usageId" TEXT NOT NULL,

    PRIMARY KEY ("batchId", "customId"),
    CONSTRAINT "ClaudeBatchRequest_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ClaudeBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reconciliation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ranAt" DATETIME NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "agreed" BOOLEAN NOT NULL,
    "tolerancePicos" BIGINT NOT NULL,
    "appCostPicos" BIGINT NOT NULL,
    "reportCostPicos" BIGINT NOT NULL,
    "differences" INTEGER NOT NULL,
    "summary" TEXT NOT NULL
);

-- AlterTable (columns added in place: no copy of the calls table)
ALTER TABLE "APIUsageLog" ADD COLUMN "speed" TEXT;
ALTER TABLE "APIUsageLog" ADD COLUMN "inferenceGeo" TEXT;
ALTER TABLE "APIUsageLog" ADD COLUMN "callType" TEXT NOT NULL DEFAULT 'messages';
ALTER TABLE "APIUsageLog" ADD COLUMN "usageNote" TEXT;

-- CreateIndex
CREATE INDEX "ClaudeBatch_status_idx" ON "ClaudeBatch"("status");

-- CreateIndex
CREATE INDEX "Reconciliation_ranAt_idx" ON "Reconciliation"("ranAt");
