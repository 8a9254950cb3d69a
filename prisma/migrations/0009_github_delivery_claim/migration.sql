-- AlterTable
ALTER TABLE "GithubDelivery" ADD COLUMN "handledAt" DATETIME;

-- Deliveries recorded before this migration were recorded once handled.
UPDATE "GithubDelivery" SET "handledAt" = "receivedAt";
