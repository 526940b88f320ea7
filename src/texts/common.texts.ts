/** Sentences every command may need: formats, rights, mentions, times. */
export const commonTexts = {
  format: (p: { usage: string; example: string }) => `格式：${p.usage}\n例如：${p.example}`,
  noRight: (p: { need: string }) => `无权操作：此命令需要${p.need}。`,
  superAdmin: () => '超级管理员',
  /** What each declared set of offices is called in a refusal. */
  rightsLabel: (p: { label: 'officers' | 'secretaries' | 'duesOfficers' | 'binders'; anywhere?: boolean }) =>
    `${p.anywhere ? '在某个组织担任' : '本组织或上级的'}${{ officers: '委员职务', secretaries: '书记、副书记', duesOfficers: '书记、副书记、组织委员', binders: '书记、副书记、组织委员（超级管理员也可以）' }[p.label]}`,
  groupOnly: () => '此命令请在已绑定的群里使用。',
  privateOnly: () => '此命令涉及个人信息，请私聊我使用。',
  notBound: () => '本群尚未绑定组织。请管理员发送：绑定 <组织名>',
  superAdminNotMember: () => '你是超级管理员，但没有在本组织登记：此命令只作用于登记的成员本人。要替成员操作，请用「代报名」「代签到」「代请假」等并 @ 成员。',
  notRegistered: () => '你还没有登记。请先发送：登记 <姓名> [正式党员|预备党员|发展对象|入党积极分子]',
  /** The word every group note about a private answer carries (详情已私信, 已私信你). */
  privateWord: () => '私信',
  didYouMean: (p: { word: string }) => `你是想发「${p.word}」吗？发送「帮助 ${p.word}」查看格式和例子。`,
  unknownPrivate: () => '没有听懂。发送「帮助」查看可用的命令。',
  internal: () => '抱歉，处理时出了点问题，请稍后再试。',
  backOnline: (p: { since: string; now: string }) => `支部助手曾于 ${p.since} 掉线，已于 ${p.now} 重新登录。掉线期间群里的命令可能没有处理，请提醒大家需要时重发。`,
  groupsTakenOver: (p: { count: number; minutes: number }) =>
    `另一个支部助手账号已离开或掉线超过 ${p.minutes} 分钟，它负责的 ${p.count} 个群已由本账号接管，提醒和回复照常发出。`,
  tooLong: (p: { max: number }) => `消息太长了（上限 ${p.max} 字），请精简后再发。`,
  mentionNeeded: (p: { usage: string }) => `请 @ 要操作的人。格式：${p.usage}`,
  mentionUnknown: (p: { name: string }) => `群里找不到「${p.name}」，请从成员列表里 @ 他。`,
  mentionAmbiguous: (p: { name: string }) => `群里有不止一位「${p.name}」，请改用群昵称区分后再 @。`,
  mentionNotMember: (p: { name: string }) => `${p.name} 还没有在本组织登记。`,
  badTime: (p: { input: string; forms: string }) => `看不懂时间「${p.input}」。请写成：${p.forms}`,
  pastTime: (p: { input: string }) => `时间「${p.input}」已经过去了，请填写将来的时间。`,
  noHour: (p: { input: string }) => `「${p.input}」没有写几点，请补上钟点，例如：${p.input}上午9点`,
}
