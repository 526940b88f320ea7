-- CreateTable
CREATE TABLE "ThoughtReport" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThoughtReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThoughtReport_orgId_idx" ON "ThoughtReport"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ThoughtReport_memberId_on_key" ON "ThoughtReport"("memberId", "on");
