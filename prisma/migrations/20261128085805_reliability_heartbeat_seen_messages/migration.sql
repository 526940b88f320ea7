-- CreateTable
CREATE TABLE "ProcessHeartbeat" (
    "instanceId" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL,
    "beatAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SeenMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProcessHeartbeat_beatAt_idx" ON "ProcessHeartbeat"("beatAt");

-- CreateIndex
CREATE INDEX "SeenMessage_seenAt_idx" ON "SeenMessage"("seenAt");
