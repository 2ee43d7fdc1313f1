-- CreateTable
CREATE TABLE "UsageSetAside" (
    "callId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "firstFailedAt" DATETIME NOT NULL,
    "lastFailedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "UsageSetAside_shop_idx" ON "UsageSetAside"("shop");

