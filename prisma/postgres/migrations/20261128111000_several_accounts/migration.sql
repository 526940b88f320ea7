-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "account" TEXT;

-- CreateTable
CREATE TABLE "BotAccount" (
    "account" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "beatAt" TIMESTAMP(3) NOT NULL,
    "loggedOutAt" TIMESTAMP(3),

    CONSTRAINT "BotAccount_pkey" PRIMARY KEY ("account")
);

-- CreateTable
CREATE TABLE "AccountReach" (
    "account" TEXT NOT NULL,
    "chat" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountReach_pkey" PRIMARY KEY ("account","chat")
);

-- CreateTable
CREATE TABLE "GroupOwner" (
    "roomId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupOwner_pkey" PRIMARY KEY ("roomId")
);

-- CreateIndex
CREATE INDEX "AccountReach_chat_idx" ON "AccountReach"("chat");

-- CreateIndex
CREATE INDEX "OutboxMessage_account_state_notBefore_idx" ON "OutboxMessage"("account", "state", "notBefore");

-- CreateIndex
CREATE INDEX "OutboxMessage_toKind_toId_sentAt_idx" ON "OutboxMessage"("toKind", "toId", "sentAt");
