-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "tokenId" TEXT;
