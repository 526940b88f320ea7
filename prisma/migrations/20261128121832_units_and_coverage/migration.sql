-- AlterTable
ALTER TABLE "Member" ADD COLUMN "unit" TEXT;

-- CreateTable
CREATE TABLE "Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "building" TEXT,
    "staff" INTEGER,
    "coveredByOrgId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PendingImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'roster',
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_PendingImport" ("contactId", "createdAt", "expiresAt", "id", "orgId", "rows") SELECT "contactId", "createdAt", "expiresAt", "id", "orgId", "rows" FROM "PendingImport";
DROP TABLE "PendingImport";
ALTER TABLE "new_PendingImport" RENAME TO "PendingImport";
CREATE UNIQUE INDEX "PendingImport_orgId_contactId_key" ON "PendingImport"("orgId", "contactId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Unit_coveredByOrgId_idx" ON "Unit"("coveredByOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_orgId_name_key" ON "Unit"("orgId", "name");
