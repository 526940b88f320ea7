-- CreateTable
CREATE TABLE "DevelopmentStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "DevelopmentStep_memberId_step_key" ON "DevelopmentStep"("memberId", "step");

-- CreateIndex
CREATE INDEX "DevelopmentStep_orgId_idx" ON "DevelopmentStep"("orgId");
