-- CreateTable
CREATE TABLE "RosterEntry" (
    "id" SERIAL NOT NULL,
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
    "importedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RosterEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RosterEntry_orgId_name_idx" ON "RosterEntry"("orgId", "name");

-- CreateIndex
CREATE INDEX "RosterEntry_memberId_idx" ON "RosterEntry"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PendingImport_orgId_contactId_key" ON "PendingImport"("orgId", "contactId");
