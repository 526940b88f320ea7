-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "duesDay" INTEGER;

-- CreateTable
CREATE TABLE "Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT,
    "topic" TEXT,
    "status" TEXT NOT NULL,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "chair" TEXT,
    "recorder" TEXT,
    "agenda" TEXT,
    "resolutions" TEXT,
    "createdByContactId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "at" DATETIME NOT NULL,
    "byContactId" TEXT NOT NULL,
    CONSTRAINT "Attendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attendance_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StudyLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "meetingId" INTEGER,
    "at" DATETIME NOT NULL,
    CONSTRAINT "StudyLog_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DuesAssessment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "fromMonth" TEXT NOT NULL,
    "monthlyFen" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "incomeFen" INTEGER,
    "rule" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "DuesAssessment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DuesPayment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "note" TEXT,
    "toCentre" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "confirmedByContactId" TEXT,
    CONSTRAINT "DuesPayment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "text" TEXT NOT NULL,
    "byContactId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastNudgedAt" DATETIME,
    CONSTRAINT "Notice_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Notice_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Notice" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NoticeAck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noticeId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "NoticeAck_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "NoticeAck_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "registeredAt" DATETIME NOT NULL,
    "exempt" BOOLEAN NOT NULL DEFAULT false,
    "duesFrom" TEXT,
    CONSTRAINT "Member_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("category", "contactId", "id", "name", "orgId", "registeredAt", "stage") SELECT "category", "contactId", "id", "name", "orgId", "registeredAt", "stage" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_contactId_idx" ON "Member"("contactId");
CREATE UNIQUE INDEX "Member_orgId_contactId_key" ON "Member"("orgId", "contactId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Meeting_orgId_startsAt_idx" ON "Meeting"("orgId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_orgId_type_closedAt_idx" ON "Meeting"("orgId", "type", "closedAt");

-- CreateIndex
CREATE INDEX "Attendance_memberId_idx" ON "Attendance"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_meetingId_memberId_key" ON "Attendance"("meetingId", "memberId");

-- CreateIndex
CREATE INDEX "StudyLog_memberId_at_idx" ON "StudyLog"("memberId", "at");

-- CreateIndex
CREATE INDEX "DuesAssessment_memberId_fromMonth_idx" ON "DuesAssessment"("memberId", "fromMonth");

-- CreateIndex
CREATE INDEX "DuesPayment_memberId_month_idx" ON "DuesPayment"("memberId", "month");

-- CreateIndex
CREATE INDEX "Notice_orgId_createdAt_idx" ON "Notice"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "Notice_parentId_idx" ON "Notice"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeAck_noticeId_memberId_key" ON "NoticeAck"("noticeId", "memberId");
