-- CreateTable
CREATE TABLE "BudgetReservation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "monthKey" TEXT NOT NULL,
    "amountPicos" BIGINT NOT NULL,
    "settled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "BudgetReservation_shop_monthKey_idx" ON "BudgetReservation"("shop", "monthKey");

