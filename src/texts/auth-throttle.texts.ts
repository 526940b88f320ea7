/** What the bot says when 认证 is slowed down or a token was exposed (to move into the text catalogue). */
export const authThrottleTexts = {
  contactLocked: (p: { minutes: number }) => `认证失败次数过多，请 ${p.minutes} 分钟后再试。`,
  globalBusy: (p: { seconds: number }) => `认证尝试过于频繁，已暂停，请 ${p.seconds} 秒后再试。`,
  tokenBurnedInGroup: () =>
    '管理员令牌发在了群里，群成员都已看到，这个令牌从现在起作废。请在私聊里发送「认证 <令牌>」；需要请运维人员设置新的 ZHIBU_ADMIN_TOKEN 并重启。',
  tokenBurned: () => '这个管理员令牌曾在群里出现过，已经作废。请运维人员设置新的 ZHIBU_ADMIN_TOKEN 并重启。',
}

