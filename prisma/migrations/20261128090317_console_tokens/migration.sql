-- CreateTable
CREATE TABLE "ConsoleToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleToken_tokenHash_key" ON "ConsoleToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ConsoleToken_contactId_idx" ON "ConsoleToken"("contactId");
