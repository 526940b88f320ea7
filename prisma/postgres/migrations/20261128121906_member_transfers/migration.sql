-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "flow" TEXT,
ADD COLUMN     "flowPlace" TEXT,
ADD COLUMN     "leftAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MemberMembership" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "orgId" INTEGER NOT NULL,
    "from" TIMESTAMP(3),
    "until" TIMESTAMP(3),

    CONSTRAINT "MemberMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberTransfer" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "fromOrgId" INTEGER NOT NULL,
    "toOrgId" INTEGER,
    "toName" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedByContactId" TEXT,

    CONSTRAINT "MemberTransfer_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "MemberMembership" ADD CONSTRAINT "MemberMembership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every member so far belongs where they are registered, since before the bot knew.
INSERT INTO "MemberMembership" ("memberId", "orgId") SELECT "id", "orgId" FROM "Member";
