-- AlterTable
ALTER TABLE "Notice" ADD COLUMN "lastNudgedBy" TEXT;
