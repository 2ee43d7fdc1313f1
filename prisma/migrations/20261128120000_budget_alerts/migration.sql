-- CreateTable
CREATE TABLE "BudgetAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "monthKey" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "budgetPicos" BIGINT NOT NULL,
    "spentPicos" BIGINT NOT NULL,
    "crossedAt" DATETIME NOT NULL,
    "notifiedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetAlert_shop_monthKey_threshold_key" ON "BudgetAlert"("shop", "monthKey", "threshold");

