-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "unit" TEXT;

-- AlterTable
ALTER TABLE "PendingImport" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'roster';

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "building" TEXT,
    "staff" INTEGER,
    "coveredByOrgId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Unit_coveredByOrgId_idx" ON "Unit"("coveredByOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_orgId_name_key" ON "Unit"("orgId", "name");
