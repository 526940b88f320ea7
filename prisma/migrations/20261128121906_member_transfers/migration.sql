-- AlterTable
ALTER TABLE "Member" ADD COLUMN "flow" TEXT;
ALTER TABLE "Member" ADD COLUMN "flowPlace" TEXT;
ALTER TABLE "Member" ADD COLUMN "leftAt" DATETIME;

-- CreateTable
CREATE TABLE "MemberMembership" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "orgId" INTEGER NOT NULL,
    "from" DATETIME,
    "until" DATETIME,
    CONSTRAINT "MemberMembership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemberTransfer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "fromOrgId" INTEGER NOT NULL,
    "toOrgId" INTEGER,
    "toName" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "acceptedAt" DATETIME,
    "acceptedByContactId" TEXT
);

-- CreateIndex
CREATE INDEX "MemberMembership_memberId_idx" ON "MemberMembership"("memberId");

-- CreateIndex
CREATE INDEX "MemberMembership_orgId_idx" ON "MemberMembership"("orgId");

-- CreateIndex
CREATE INDEX "MemberTransfer_toOrgId_state_idx" ON "MemberTransfer"("toOrgId", "state");

-- CreateIndex
CREATE INDEX "MemberTransfer_fromOrgId_state_idx" ON "MemberTransfer"("fromOrgId", "state");

-- CreateIndex
CREATE INDEX "MemberTransfer_memberId_idx" ON "MemberTransfer"("memberId");

-- Every member so far belongs where they are registered, since before the bot knew.
INSERT INTO "MemberMembership" ("memberId", "orgId") SELECT "id", "orgId" FROM "Member";
