-- The PostgreSQL twin of ../../../migrations/0009_github_delivery_claim.

-- AlterTable
ALTER TABLE "GithubDelivery" ADD COLUMN "handledAt" TIMESTAMP(3);

-- Deliveries recorded before this migration were recorded once handled.
UPDATE "GithubDelivery" SET "handledAt" = "receivedAt";
