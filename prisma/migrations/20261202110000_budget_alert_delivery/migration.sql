-- CreateTable
CREATE TABLE "BudgetAlertChannels" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "emails" TEXT,
    "webhookUrl" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BudgetAlertDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "alertId" INTEGER NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "BudgetAlertDelivery_status_nextAttemptAt_idx" ON "BudgetAlertDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "BudgetAlertDelivery_shop_createdAt_idx" ON "BudgetAlertDelivery"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetAlertDelivery_alertId_channel_key" ON "BudgetAlertDelivery"("alertId", "channel");

