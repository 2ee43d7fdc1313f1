-- AlterTable
ALTER TABLE "SeoJobItem" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "SeoJobItem" ADD COLUMN "leaseOwner" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SeoJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stopReason" TEXT,
    "message" TEXT,
    "model" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "autoApply" BOOLEAN NOT NULL DEFAULT false,
    "totalItems" INTEGER NOT NULL,
    "totalProducts" INTEGER NOT NULL,
    "estimatePicos" BIGINT,
    "estimateBasis" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "estimateLowPicos" BIGINT,
    "estimateHighPicos" BIGINT
);
INSERT INTO "new_SeoJob" ("autoApply", "createdAt", "estimateBasis", "estimateHighPicos", "estimateLowPicos", "estimatePicos", "finishedAt", "id", "kind", "message", "model", "origin", "shop", "startedBy", "status", "stopReason", "totalItems", "totalProducts", "updatedAt") SELECT "autoApply", "createdAt", "estimateBasis", "estimateHighPicos", "estimateLowPicos", "estimatePicos", "finishedAt", "id", "kind", "message", "model", "origin", "shop", "startedBy", "status", "stopReason", "totalItems", "totalProducts", "updatedAt" FROM "SeoJob";
DROP TABLE "SeoJob";
ALTER TABLE "new_SeoJob" RENAME TO "SeoJob";
CREATE INDEX "SeoJob_shop_createdAt_idx" ON "SeoJob"("shop", "createdAt");
CREATE INDEX "SeoJob_status_idx" ON "SeoJob"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

