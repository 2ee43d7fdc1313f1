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

    PRIMARY KEY ("shop", "day", "hour", "model", "endpoint", "resourceType", "userId", "status")
);

