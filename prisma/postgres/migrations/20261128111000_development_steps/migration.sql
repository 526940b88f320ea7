-- CreateTable
CREATE TABLE "DevelopmentStep" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DevelopmentStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DevelopmentStep_memberId_step_key" ON "DevelopmentStep"("memberId", "step");

-- CreateIndex
CREATE INDEX "DevelopmentStep_orgId_idx" ON "DevelopmentStep"("orgId");
