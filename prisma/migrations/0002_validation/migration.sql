-- CreateTable
CREATE TABLE "ValidationRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "projectRevision" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" REAL NOT NULL,
    "result" TEXT NOT NULL,
    CONSTRAINT "ValidationRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "sha" TEXT NOT NULL,
    "done" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ValidationRun_projectId_fingerprint_idx" ON "ValidationRun"("projectId", "fingerprint");

-- CreateIndex
CREATE INDEX "ValidationRun_projectId_id_idx" ON "ValidationRun"("projectId", "id");

-- CreateIndex
CREATE INDEX "CheckRun_projectId_sha_idx" ON "CheckRun"("projectId", "sha");
