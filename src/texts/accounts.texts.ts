/** 换号: which bot account speaks in a group, when several share the database. */
export const accountsTexts = {
  line: (p: { number: number; name: string; speaking: boolean; offline: boolean }) =>
    `${p.number}. ${p.name}${p.speaking ? '（正在本群发言）' : ''}${p.offline ? '（离线）' : ''}`,
  list: (p: { lines: string[] }) => [`本群里的机器人账号：`, ...p.lines, `发送「换号 编号」或「换号 账号名」改由该账号在本群发言。`].join('\n'),
  onlyOne: (p: { name: string }) => `本群只有一个机器人账号（${p.name}），没有可换的账号。先把另一个账号拉进群，再发「换号」。`,
  noneKnown: () => '还不知道本群里有哪个机器人账号：请稍后再试。',
  unknown: (p: { choice: string; lines: string[] }) => [`本群没有「${p.choice}」这个机器人账号。可选：`, ...p.lines].join('\n'),
  already: (p: { name: string }) => `本群已经由 ${p.name} 发言，无需更换。`,
  offline: (p: { name: string }) => `${p.name} 现在离线，不能接管本群。请等它重新登录后再换。`,
  moved: (p: { name: string; from: string }) => `好的，本群今后由 ${p.name} 发言（原来是 ${p.from}），提醒和回复都从这个账号发出。`,
  unnamed: (p: { account: string }) => `账号 ${p.account.slice(-6)}`,
}
