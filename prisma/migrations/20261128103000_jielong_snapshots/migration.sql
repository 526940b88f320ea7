-- CreateTable
CREATE TABLE "JielongSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" INTEGER NOT NULL,
    "content" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JielongSnapshot_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "JielongSnapshot_activityId_key" ON "JielongSnapshot"("activityId");
