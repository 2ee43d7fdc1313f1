-- The PostgreSQL schema as of the SQLite migrations up to 20261202110000, generated from schema.prisma by
-- `prisma migrate diff --from-empty` (decision 0016): PostgreSQL starts from the schema as a whole.
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
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
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ianaTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "monthlyBudgetPicos" BIGINT,
    "budgetHardCap" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3),
    "uninstalledAt" TIMESTAMP(3),

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "APIUsageLog" (
    "id" TEXT NOT NULL,
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
    "timestamp" TIMESTAMP(3) NOT NULL,
    "localDay" TEXT NOT NULL,
    "speed" TEXT,
    "inferenceGeo" TEXT,
    "callType" TEXT NOT NULL DEFAULT 'messages',
    "usageNote" TEXT,

    CONSTRAINT "APIUsageLog_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "UsageRollupDaily_pkey" PRIMARY KEY ("shop","day","model","endpoint","resourceType","userId","status")
);

-- CreateTable
CREATE TABLE "UsageRollupHourly" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
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

    CONSTRAINT "UsageRollupHourly_pkey" PRIMARY KEY ("shop","day","hour","model","endpoint","resourceType","userId","status")
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

    CONSTRAINT "UsageProfileDaily_pkey" PRIMARY KEY ("shop","day","endpoint","model","status","errorType","batch","cached","longContext","automation")
);

-- CreateTable
CREATE TABLE "LatencyHistogramDaily" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "LatencyHistogramDaily_pkey" PRIMARY KEY ("shop","day","endpoint","bucket")
);

-- CreateTable
CREATE TABLE "PriceOverride" (
    "id" SERIAL NOT NULL,
    "shop" TEXT,
    "model" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "inputPerMTok" TEXT NOT NULL,
    "outputPerMTok" TEXT NOT NULL,
    "cacheWrite5mPerMTok" TEXT NOT NULL,
    "cacheWrite1hPerMTok" TEXT NOT NULL,
    "cacheReadPerMTok" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetAlert" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "monthKey" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "budgetPicos" BIGINT NOT NULL,
    "spentPicos" BIGINT NOT NULL,
    "crossedAt" TIMESTAMP(3) NOT NULL,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "BudgetAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetAlertChannels" (
    "shop" TEXT NOT NULL,
    "emails" TEXT,
    "webhookUrl" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BudgetAlertChannels_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "BudgetAlertDelivery" (
    "id" SERIAL NOT NULL,
    "alertId" INTEGER NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetAlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeoSettings" (
    "shop" TEXT NOT NULL,
    "auditModel" TEXT NOT NULL,
    "fixModel" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeoSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "SeoJob" (
    "id" TEXT NOT NULL,
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
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "estimateLowPicos" BIGINT,
    "estimateHighPicos" BIGINT,

    CONSTRAINT "SeoJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeoJobItem" (
    "id" SERIAL NOT NULL,
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
    "appliedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeoJobItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedactedShop" (
    "shop" TEXT NOT NULL,
    "redactedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RedactedShop_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "UsageSetAside" (
    "callId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "firstFailedAt" TIMESTAMP(3) NOT NULL,
    "lastFailedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsageSetAside_pkey" PRIMARY KEY ("callId")
);

-- CreateTable
CREATE TABLE "ClaudeBatch" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "recordedAt" TIMESTAMP(3),

    CONSTRAINT "ClaudeBatch_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "ClaudeBatchRequest_pkey" PRIMARY KEY ("batchId","customId")
);

-- CreateTable
CREATE TABLE "Reconciliation" (
    "id" SERIAL NOT NULL,
    "ranAt" TIMESTAMP(3) NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "agreed" BOOLEAN NOT NULL,
    "tolerancePicos" BIGINT NOT NULL,
    "appCostPicos" BIGINT NOT NULL,
    "reportCostPicos" BIGINT NOT NULL,
    "differences" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,

    CONSTRAINT "Reconciliation_pkey" PRIMARY KEY ("id")
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

-- CreateIndex
CREATE UNIQUE INDEX "BudgetAlert_shop_monthKey_threshold_key" ON "BudgetAlert"("shop", "monthKey", "threshold");

-- CreateIndex
CREATE INDEX "BudgetAlertDelivery_status_nextAttemptAt_idx" ON "BudgetAlertDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "BudgetAlertDelivery_shop_createdAt_idx" ON "BudgetAlertDelivery"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetAlertDelivery_alertId_channel_key" ON "BudgetAlertDelivery"("alertId", "channel");

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

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_idx" ON "WebhookDelivery"("shop");

-- CreateIndex
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt");

-- CreateIndex
CREATE INDEX "UsageSetAside_shop_idx" ON "UsageSetAside"("shop");

-- CreateIndex
CREATE INDEX "ClaudeBatch_status_idx" ON "ClaudeBatch"("status");

-- CreateIndex
CREATE INDEX "Reconciliation_ranAt_idx" ON "Reconciliation"("ranAt");

-- AddForeignKey
ALTER TABLE "SeoJobItem" ADD CONSTRAINT "SeoJobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "SeoJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaudeBatchRequest" ADD CONSTRAINT "ClaudeBatchRequest_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ClaudeBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

