-- The PostgreSQL twin of ../../../migrations/0008_run_requester.

-- AlterTable
ALTER TABLE "CheckRun" ADD COLUMN "actor" TEXT,
ADD COLUMN "onBehalfOf" TEXT,
ADD COLUMN "tokenId" TEXT;

-- AlterTable
ALTER TABLE "ValidationRun" ADD COLUMN "actor" TEXT,
ADD COLUMN "onBehalfOf" TEXT,
ADD COLUMN "tokenId" TEXT;
