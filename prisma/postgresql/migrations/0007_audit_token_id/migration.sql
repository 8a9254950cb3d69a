-- The PostgreSQL twin of ../../../migrations/0007_audit_token_id.

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "tokenId" TEXT;
