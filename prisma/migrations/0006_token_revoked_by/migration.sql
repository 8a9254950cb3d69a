-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "revokedBy" TEXT;
