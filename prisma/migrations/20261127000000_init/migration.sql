-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "ianaTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "monthlyBudgetPicos" BIGINT,
    "budgetHardCap" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "APIUsageLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT,
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "cacheCreationInputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheCreation5mTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheCreation1hTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheReadInputTokens" INTEGER NOT NULL DEFAULT 0,
    "totalTokens" INTEGER NOT NULL,
    "webSearchRequests" INTEGER NOT NULL DEFAULT 0,
    "batch" BOOLEAN NOT NULL DEFAULT false,
    "inputCostPicos" BIGINT,
    "outputCostPicos" BIGINT,
    "cacheWriteCostPicos" BIGINT,
    "cacheReadCostPicos" BIGINT,
    "webSearchCostPicos" BIGINT,
    "totalCostPicos" BIGINT,
    "cacheSavingsPicos" BIGINT,
    "priceSource" TEXT,
    "longContext" BOOLEAN NOT NULL DEFAULT false,
    "connectionId" TEXT,
    "fixType" TEXT,
    "resourceType" TEXT,
    "resourceId" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "cached" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "errorType" TEXT,
    "errorMessage" TEXT,
    "httpStatus" INTEGER,
    "timestamp" DATETIME NOT NULL,
    "localDay" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "UsageRollupDaily" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "cachedCalls" INTEGER NOT NULL,
    "batchCalls" INTEGER NOT NULL,
    "unpricedCalls" INTEGER NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "cacheWriteTokens" BIGINT NOT NULL,
    "cacheReadTokens" BIGINT NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "webSearchRequests" INTEGER NOT NULL,
    "costPicos" BIGINT NOT NULL,
    "cacheSavingsPicos" BIGINT NOT NULL,
    "latencyMsSum" BIGINT NOT NULL,

    PRIMARY KEY ("shop", "day", "model", "endpoint", "resourceType", "userId", "status")
);

-- CreateTable
CREATE TABLE "UsageProfileDaily" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorType" TEXT NOT NULL,
    "batch" BOOLEAN NOT NULL,
    "cached" BOOLEAN NOT NULL,
    "longContext" BOOLEAN NOT NULL,
    "automation" BOOLEAN NOT NULL,
    "calls" INTEGER NOT NULL,
    "unpricedCalls" INTEGER NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "cacheWriteTokens" BIGINT NOT NULL,
    "cacheWrite1hTokens" BIGINT NOT NULL,
    "cacheReadTokens" BIGINT NOT NULL,
    "costPicos" BIGINT NOT NULL,
    "webSearchCostPicos" BIGINT NOT NULL,
    "minInputTokens" INTEGER NOT NULL,

    PRIMARY KEY ("shop", "day", "endpoint", "model", "status", "errorType", "batch", "cached", "longContext", "automation")
);

-- CreateTable
CREATE TABLE "LatencyHistogramDaily" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,

    PRIMARY KEY ("shop", "day", "endpoint", "bucket")
);

-- CreateTable
CREATE TABLE "PriceOverride" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT,
    "model" TEXT NOT NULL,
    "effectiveFrom" DATETIME NOT NULL,
    "inputPerMTok" TEXT NOT NULL,
    "outputPerMTok" TEXT NOT NULL,
    "cacheWrite5mPerMTok" TEXT NOT NULL,
    "cacheWrite1hPerMTok" TEXT NOT NULL,
    "cacheReadPerMTok" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "APIUsageLog_requestId_key" ON "APIUsageLog"("requestId");

-- CreateIndex
CREATE INDEX "APIUsageLog_userId_timestamp_idx" ON "APIUsageLog"("userId", "timestamp");

-- CreateIndex
CREATE INDEX "APIUsageLog_shop_timestamp_idx" ON "APIUsageLog"("shop", "timestamp");

-- CreateIndex
CREATE INDEX "APIUsageLog_shop_localDay_idx" ON "APIUsageLog"("shop", "localDay");

-- CreateIndex
CREATE INDEX "APIUsageLog_totalCostPicos_model_idx" ON "APIUsageLog"("totalCostPicos", "model");

-- CreateIndex
CREATE INDEX "UsageRollupDaily_shop_day_idx" ON "UsageRollupDaily"("shop", "day");

-- CreateIndex
CREATE INDEX "PriceOverride_model_idx" ON "PriceOverride"("model");

