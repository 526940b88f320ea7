/** What the bot says about notices (part of the catalogue in src/texts/). */
export const noticeTexts = {
  posted: (p: { id: number; text: string }) => `📢 通知 #${p.id}：${p.text}\n请回复「收到」确认。`,
  /** A broadcast copy in a group below: says which organisation above sent it. */
  copy: (p: { id: number; text: string; from: string }) => `📢 通知 #${p.id}（来自「${p.from}」）：${p.text}\n请回复「收到」确认。`,
  broadcastSent: (p: { id: number; targets: string[]; unbound: string[] }) =>
    [
      `已向 ${p.targets.length} 个下级组织发送通知 #${p.id}：${p.targets.join('、')}`,
      p.unbound.length ? `以下组织尚未绑定群，未能送达：${p.unbound.join('、')}` : null,
      `发送「通知情况 #${p.id}」查看各组织确认情况。`,
    ]
      .filter(Boolean)
      .join('\n'),
  /** Who sent a copy, when the original's organisation is gone. */
  upperOrg: () => '上级组织',
  broadcastTarget: (p: { org: string; id: number }) => `${p.org}(#${p.id})`,
  noOrgsBelow: (p: { org: string }) => `「${p.org}」没有下级组织。发给本群请用：通知 <内容>`,
  noGroupsBelow: (p: { unbound: string[] }) =>
    `下级组织都还没有绑定群，通知未发送：${p.unbound.join('、')}。请先在下级组织的群里发送「绑定 <组织名> 上级 <本组织名>」。`,

  secretRefused: (p: { reason: string }) =>
    `通知未发送：${p.reason}，疑似涉密或正式文件。按「涉密不上网」的要求，此类内容请通过正式渠道传达；如是公开事项，请去掉相关字样或文号后重发。`,
  secretWord: (p: { word: string }) => `内容含「${p.word}」字样`,
  secretDocNumber: (p: { number: string }) => `内容含文号「${p.number}」`,

  acked: (p: { name: string; id: number; count: number; expected: number }) => `${p.name} 已确认收到通知 #${p.id}（${p.count}/${p.expected}）`,
  alreadyAcked: (p: { name: string; id: number }) => `${p.name} 已确认过通知 #${p.id}。`,
  notFound: (p: { id: number }) => `本组织没有编号为 #${p.id} 的通知。`,
  isBroadcast: (p: { id: number }) => `#${p.id} 是发往下级组织的通知，请在各下级组织的群里回复「收到」。`,

  sentPrivately: () => '已私信你。',
  status: (p: { id: number; org: string; excerpt: string; acked: string[]; pending: string[] }) =>
    [
      `通知 #${p.id}「${p.excerpt}」（${p.org}）`,
      `已确认 ${p.acked.length}/${p.acked.length + p.pending.length} 人：${p.acked.length ? p.acked.join('、') : '暂无'}`,
      `未确认 ${p.pending.length} 人${p.pending.length ? `：${p.pending.join('、')}` : ''}`,
      p.pending.length ? `发送「催办 #${p.id}」提醒未确认的人。` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  broadcastStatus: (p: { id: number; excerpt: string; acked: number; expected: number; lines: string[]; pending: number }) =>
    [
      `通知 #${p.id}「${p.excerpt}」发往 ${p.lines.length} 个下级组织，共确认 ${p.acked}/${p.expected} 人：`,
      ...p.lines,
      p.pending ? `发送「催办 #${p.id}」在各组织群里提醒未确认的人。` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  broadcastStatusLine: (p: { org: string; id: number; acked: number; expected: number; pending: string[] }) =>
    `· ${p.org}(#${p.id})：${p.acked}/${p.expected}${p.pending.length ? `，未确认：${p.pending.join('、')}` : '，已全部确认'}`,

  // Sent with @mentions of those who have not acknowledged in front, which names them.
  nudge: (p: { id: number; excerpt: string }) => `请尽快确认通知 #${p.id}「${p.excerpt}」，回复「收到」即可。`,
  nudgedBelow: (p: { id: number; orgs: string[]; people: number; skipped: string[] }) =>
    [
      p.orgs.length ? `已在 ${p.orgs.length} 个组织的群里催办通知 #${p.id}（${p.orgs.join('、')}），共 ${p.people} 人未确认。` : `通知 #${p.id} 没有可催办的组织。`,
      p.skipped.length ? `${p.skipped.join('、')} 刚催办过，本次跳过。` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  nudgeTooSoon: (p: { id: number; minutes: number; at: string }) =>
    `通知 #${p.id} 刚催办过。为免打扰，同一通知 ${p.minutes} 分钟内只催办一次，请在 ${p.at} 之后再试。`,
  allAcked: (p: { id: number }) => `通知 #${p.id} 已全部确认，无需催办。`,
} as const
