-- AlterTable
ALTER TABLE "CheckRun" ADD COLUMN "actor" TEXT;
ALTER TABLE "CheckRun" ADD COLUMN "onBehalfOf" TEXT;
ALTER TABLE "CheckRun" ADD COLUMN "tokenId" TEXT;

-- AlterTable
ALTER TABLE "ValidationRun" ADD COLUMN "actor" TEXT;
ALTER TABLE "ValidationRun" ADD COLUMN "onBehalfOf" TEXT;
ALTER TABLE "ValidationRun" ADD COLUMN "tokenId" TEXT;
