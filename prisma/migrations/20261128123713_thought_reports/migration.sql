-- CreateTable
CREATE TABLE "ThoughtReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ThoughtReport_orgId_idx" ON "ThoughtReport"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ThoughtReport_memberId_on_key" ON "ThoughtReport"("memberId", "on");
