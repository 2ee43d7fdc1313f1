-- CreateTable
CREATE TABLE "UsageDailyTotal" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "unpricedCalls" INTEGER NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "costPicos" BIGINT NOT NULL,

    PRIMARY KEY ("shop", "day")
);

-- Each day's totals of the rows already written (the usage writer keeps them from here on, in the same transaction).
INSERT INTO "UsageDailyTotal" ("shop", "day", "calls", "unpricedCalls", "totalTokens", "costPicos")
SELECT "shop", "day", SUM("calls"), SUM("unpricedCalls"), SUM("totalTokens"), SUM("costPicos")
FROM "UsageRollupDaily" GROUP BY "shop", "day";
