-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "githubId" BIGINT;

-- CreateTable
CREATE TABLE "GithubLink" (
    "projectId" INTEGER NOT NULL PRIMARY KEY,
    "repository" TEXT NOT NULL,
    "issueNumber" INTEGER NOT NULL,
    "document" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GithubLink_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GithubDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "event" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Issue_githubId_idx" ON "Issue"("githubId");

-- CreateIndex
CREATE INDEX "GithubLink_repository_idx" ON "GithubLink"("repository");

-- CreateIndex
CREATE INDEX "GithubDelivery_receivedAt_idx" ON "GithubDelivery"("receivedAt");
