-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "account" TEXT;

-- CreateTable
CREATE TABLE "BotAccount" (
    "account" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "beatAt" DATETIME NOT NULL,
    "loggedOutAt" DATETIME
);

-- CreateTable
CREATE TABLE "AccountReach" (
    "account" TEXT NOT NULL,
    "chat" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("account", "chat")
);

-- CreateTable
CREATE TABLE "GroupOwner" (
    "roomId" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "since" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AccountReach_chat_idx" ON "AccountReach"("chat");

-- CreateIndex
CREATE INDEX "OutboxMessage_account_state_notBefore_idx" ON "OutboxMessage"("account", "state", "notBefore");

-- CreateIndex
CREATE INDEX "OutboxMessage_toKind_toId_sentAt_idx" ON "OutboxMessage"("toKind", "toId", "sentAt");
