-- CreateIndex
CREATE INDEX "OutboxMessage_state_sentAt_idx" ON "OutboxMessage"("state", "sentAt");
