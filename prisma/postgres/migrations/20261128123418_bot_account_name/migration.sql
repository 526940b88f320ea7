-- AlterTable
ALTER TABLE "BotAccount" ADD COLUMN     "name" TEXT;
