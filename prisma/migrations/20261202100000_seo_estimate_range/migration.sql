-- AlterTable
ALTER TABLE "SeoJob" ADD COLUMN "estimateLowPicos" BIGINT;
ALTER TABLE "SeoJob" ADD COLUMN "estimateHighPicos" BIGINT;
