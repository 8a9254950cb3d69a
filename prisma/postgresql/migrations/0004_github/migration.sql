-- The PostgreSQL twin of ../../../migrations/0004_github, as `prisma migrate diff` writes it for
-- PostgreSQL, with the "C" collation on the text columns the store compares (repository, delivery id).

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "githubId" BIGINT;

-- CreateTable
CREATE TABLE "GithubLink" (
    "projectId" INTEGER NOT NULL,
    "repository" TEXT COLLATE "C" NOT NULL,
    "issueNumber" INTEGER NOT NULL,
    "document" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GithubLink_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "GithubDelivery" (
    "id" TEXT COLLATE "C" NOT NULL,
    "event" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GithubDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Issue_githubId_idx" ON "Issue"("githubId");

-- CreateIndex
CREATE INDEX "GithubLink_repository_idx" ON "GithubLink"("repository");

-- CreateIndex
CREATE INDEX "GithubDelivery_receivedAt_idx" ON "GithubDelivery"("receivedAt");

-- AddForeignKey
ALTER TABLE "GithubLink" ADD CONSTRAINT "GithubLink_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
