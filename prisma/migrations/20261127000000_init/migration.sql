-- CreateTable
CREATE TABLE "Organization" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "parentId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupBinding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roomId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "orgId" INTEGER NOT NULL,
    "boundByContactId" TEXT NOT NULL,
    "boundAt" DATETIME NOT NULL,
    CONSTRAINT "GroupBinding_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "registeredAt" DATETIME NOT NULL,
    CONSTRAINT "Member_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL,
    "assignedByContactId" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "revokedByContactId" TEXT,
    CONSTRAINT "RoleAssignment_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SuperAdmin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" TEXT NOT NULL,
    "since" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT,
    "capacity" INTEGER,
    "deadline" DATETIME,
    "status" TEXT NOT NULL,
    "createdByContactId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    CONSTRAINT "Activity_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL,
    "promotedAt" DATETIME,
    "cancelledAt" DATETIME,
    "byContactId" TEXT NOT NULL,
    CONSTRAINT "SignUp_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SignUp_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorContactId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "orgId" INTEGER,
    "targetContactId" TEXT,
    "detail" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_name_key" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupBinding_roomId_key" ON "GroupBinding"("roomId");

-- CreateIndex
CREATE INDEX "GroupBinding_orgId_idx" ON "GroupBinding"("orgId");

-- CreateIndex
CREATE INDEX "Member_contactId_idx" ON "Member"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_orgId_contactId_key" ON "Member"("orgId", "contactId");

-- CreateIndex
CREATE INDEX "RoleAssignment_memberId_idx" ON "RoleAssignment"("memberId");

-- CreateIndex
CREATE INDEX "RoleAssignment_orgId_idx" ON "RoleAssignment"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "SuperAdmin_contactId_key" ON "SuperAdmin"("contactId");

-- CreateIndex
CREATE INDEX "Activity_orgId_status_idx" ON "Activity"("orgId", "status");

-- CreateIndex
CREATE INDEX "SignUp_activityId_status_idx" ON "SignUp"("activityId", "status");

-- CreateIndex
CREATE INDEX "SignUp_memberId_idx" ON "SignUp"("memberId");

-- CreateIndex
CREATE INDEX "AuditLog_orgId_at_idx" ON "AuditLog"("orgId", "at");
