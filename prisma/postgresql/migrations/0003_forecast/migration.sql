-- The PostgreSQL twin of ../../../migrations/0003_forecast.

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "assignee" TEXT,
ADD COLUMN "estimateHighDays" DOUBLE PRECISION,
ADD COLUMN "estimateLowDays" DOUBLE PRECISION,
ADD COLUMN "priority" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "holidays" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN "start" TEXT,
ADD COLUMN "team" TEXT,
ADD COLUMN "workdays" TEXT NOT NULL DEFAULT '[1,2,3,4,5]';
