-- AlterTable
ALTER TABLE "SeoJob" DROP COLUMN "leaseExpiresAt",
DROP COLUMN "leaseOwner";

-- AlterTable
ALTER TABLE "SeoJobItem" ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT;

