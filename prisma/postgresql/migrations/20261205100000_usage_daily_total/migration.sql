-- One transaction: the table, and its rows for what is already written, appear together.
BEGIN;

-- CreateTable
CREATE TABLE "UsageDailyTotal" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "unpricedCalls" INTEGER NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "costPicos" BIGINT NOT NULL,

    CONSTRAINT "UsageDailyTotal_pkey" PRIMARY KEY ("shop","day")
);

-- Each day's totals of the rows already written (the usage writer keeps them from here on, in the same transaction).
-- The lock lets writes in flight finish first and holds new ones until the totals are in. Writers of the previous
-- version do not keep the totals: stop them before migrating (docs/decisions/0026).
LOCK TABLE "UsageRollupDaily" IN SHARE MODE;
INSERT INTO "UsageDailyTotal" ("shop", "day", "calls", "unpricedCalls", "totalTokens", "costPicos")
SELECT "shop", "day", SUM("calls"), SUM("unpricedCalls"), SUM("totalTokens"), SUM("costPicos")
FROM "UsageRollupDaily" GROUP BY "shop", "day";

COMMIT;
