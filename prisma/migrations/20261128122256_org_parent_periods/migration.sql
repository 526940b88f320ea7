-- CreateTable
CREATE TABLE "OrgParentPeriod" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "from" DATETIME NOT NULL,
    "until" DATETIME,
    CONSTRAINT "OrgParentPeriod_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OrgParentPeriod_orgId_idx" ON "OrgParentPeriod"("orgId");

-- CreateIndex
CREATE INDEX "OrgParentPeriod_parentId_idx" ON "OrgParentPeriod"("parentId");

-- Backfill: every organisation under its present parent since it was created (its history before this table is unknown).
INSERT INTO "OrgParentPeriod" ("orgId", "parentId", "from", "until") SELECT "id", "parentId", "createdAt", NULL FROM "Organization";
