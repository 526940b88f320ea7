-- CreateIndex
CREATE INDEX "OutboxMessage_account_state_sentAt_idx" ON "OutboxMessage"("account", "state", "sentAt");
