-- CreateTable
CREATE TABLE "ConsoleToken" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsoleToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleToken_tokenHash_key" ON "ConsoleToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ConsoleToken_contactId_idx" ON "ConsoleToken"("contactId");
