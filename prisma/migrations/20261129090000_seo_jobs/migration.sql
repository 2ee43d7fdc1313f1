-- CreateTable
CREATE TABLE "SeoSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "auditModel" TEXT NOT NULL,
    "fixModel" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SeoJob" (
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
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SeoJobItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "productId" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "result" TEXT,
    "errorKind" TEXT,
    "error" TEXT,
    "requestId" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheReadTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "applyStatus" TEXT,
    "applied" TEXT,
    "applyError" TEXT,
    "appliedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SeoJobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "SeoJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SeoJob_shop_createdAt_idx" ON "SeoJob"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "SeoJob_status_idx" ON "SeoJob"("status");

-- CreateIndex
CREATE INDEX "SeoJobItem_jobId_status_idx" ON "SeoJobItem"("jobId", "status");

-- CreateIndex
CREATE INDEX "SeoJobItem_shop_productId_idx" ON "SeoJobItem"("shop", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "SeoJobItem_jobId_position_key" ON "SeoJobItem"("jobId", "position");

