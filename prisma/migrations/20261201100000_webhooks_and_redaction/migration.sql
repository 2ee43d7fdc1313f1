-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "shopifyUpdatedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "uninstalledAt" DATETIME;

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RedactedShop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "redactedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_idx" ON "WebhookDelivery"("shop");

-- CreateIndex
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt");

