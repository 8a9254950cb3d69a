-- CreateTable
CREATE TABLE "ValidationRun" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "projectRevision" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" DOUBLE PRECISION NOT NULL,
    "result" TEXT NOT NULL,

    CONSTRAINT "ValidationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckRun" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "sha" TEXT NOT NULL,
    "done" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ValidationRun_projectId_fingerprint_idx" ON "ValidationRun"("projectId", "fingerprint");

-- CreateIndex
CREATE INDEX "ValidationRun_projectId_id_idx" ON "ValidationRun"("projectId", "id");

-- CreateIndex
CREATE INDEX "CheckRun_projectId_sha_idx" ON "CheckRun"("projectId", "sha");

-- AddForeignKey
ALTER TABLE "ValidationRun" ADD CONSTRAINT "ValidationRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckRun" ADD CONSTRAINT "CheckRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
