-- CreateTable
CREATE TABLE "OrgParentPeriod" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "from" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3),

    CONSTRAINT "OrgParentPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrgParentPeriod_orgId_idx" ON "OrgParentPeriod"("orgId");

-- CreateIndex
CREATE INDEX "OrgParentPeriod_parentId_idx" ON "OrgParentPeriod"("parentId");

-- AddForeignKey
ALTER TABLE "OrgParentPeriod" ADD CONSTRAINT "OrgParentPeriod_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: every organisation under its present parent since it was created (its history before this table is unknown).
INSERT INTO "OrgParentPeriod" ("orgId", "parentId", "from", "until") SELECT "id", "parentId", "createdAt", NULL FROM "Organization";
