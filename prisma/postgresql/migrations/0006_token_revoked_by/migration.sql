-- The PostgreSQL twin of ../../../migrations/0006_token_revoked_by.

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "revokedBy" TEXT;
