-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "assignee" TEXT;
ALTER TABLE "Issue" ADD COLUMN "estimateHighDays" REAL;
ALTER TABLE "Issue" ADD COLUMN "estimateLowDays" REAL;
ALTER TABLE "Issue" ADD COLUMN "priority" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "holidays" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Project" ADD COLUMN "start" TEXT;
ALTER TABLE "Project" ADD COLUMN "team" TEXT;
ALTER TABLE "Project" ADD COLUMN "workdays" TEXT NOT NULL DEFAULT '[1,2,3,4,5]';
