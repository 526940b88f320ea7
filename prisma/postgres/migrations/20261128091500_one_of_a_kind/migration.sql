-- One of a kind, enforced by the database (concurrent requests cannot both pass a check-then-insert).
-- Prisma's schema language cannot express partial unique indexes, so they live only here, in raw
-- SQL: prisma/schema.prisma does not mention them, and `migrate diff` leaves them alone.
-- (One check-in or leave per member and meeting, and one acknowledgement per member and notice,
-- are already plain unique keys: Attendance_meetingId_memberId_key, NoticeAck_noticeId_memberId_key.)

-- Rows that break the rule (left by the race this closes) are resolved first, keeping the oldest.
UPDATE "SignUp" SET "status" = 'cancelled', "cancelledAt" = "createdAt"
WHERE "status" <> 'cancelled'
  AND "id" NOT IN (SELECT MIN("id") FROM "SignUp" WHERE "status" <> 'cancelled' GROUP BY "activityId", "memberId");

UPDATE "RoleAssignment" SET "revokedAt" = "assignedAt", "revokedByContactId" = 'migration'
WHERE "revokedAt" IS NULL
  AND "id" NOT IN (SELECT MIN("id") FROM "RoleAssignment" WHERE "revokedAt" IS NULL GROUP BY "memberId", "title", "orgId");

-- One active (confirmed or waitlisted) sign-up per member and activity; cancelled ones are history.
CREATE UNIQUE INDEX "SignUp_active_activityId_memberId_key" ON "SignUp"("activityId", "memberId") WHERE "status" <> 'cancelled';

-- One active office per member, title and organisation; revoked ones are history.
CREATE UNIQUE INDEX "RoleAssignment_active_memberId_title_orgId_key" ON "RoleAssignment"("memberId", "title", "orgId") WHERE "revokedAt" IS NULL;
