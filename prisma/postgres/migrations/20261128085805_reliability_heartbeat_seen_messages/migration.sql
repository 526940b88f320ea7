-- CreateTable
CREATE TABLE "ProcessHeartbeat" (
    "instanceId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "beatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessHeartbeat_pkey" PRIMARY KEY ("instanceId")
);

-- CreateTable
CREATE TABLE "SeenMessage" (
    "id" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProcessHeartbeat_beatAt_idx" ON "ProcessHeartbeat"("beatAt");

-- CreateIndex
CREATE INDEX "SeenMessage_seenAt_idx" ON "SeenMessage"("seenAt");
