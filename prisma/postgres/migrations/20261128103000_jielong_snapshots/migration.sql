-- CreateTable
CREATE TABLE "JielongSnapshot" (
    "id" SERIAL NOT NULL,
    "activityId" INTEGER NOT NULL,
    "content" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JielongSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JielongSnapshot_activityId_key" ON "JielongSnapshot"("activityId");

-- AddForeignKey
ALTER TABLE "JielongSnapshot" ADD CONSTRAINT "JielongSnapshot_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
