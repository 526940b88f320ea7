-- CreateTable
CREATE TABLE "RosterEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT,
    "birthMonth" TEXT,
    "stage" TEXT,
    "joinedOn" TEXT,
    "fullOn" TEXT,
    "unit" TEXT,
    "branchName" TEXT,
    "memberId" INTEGER,
    "importedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "RosterEntry_orgId_name_idx" ON "RosterEntry"("orgId", "name");

-- CreateIndex
CREATE INDEX "RosterEntry_memberId_idx" ON "RosterEntry"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PendingImport_orgId_contactId_key" ON "PendingImport"("orgId", "contactId");
