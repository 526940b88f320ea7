/** What the bot says about meetings and study hours (part of the catalogue in src/texts/). */

const orNone = (names: string[]) => (names.length ? names.join('、') : '无')
const orBlank = (value: string | null) => value ?? '未填写'

/** `#3 党课「学习党章」`: how a meeting is named in every sentence. */
export const meetingLabel = (p: { id: number; type: string; topic: string | null }) => `#${p.id} ${p.type}${p.topic ? `「${p.topic}」` : ''}`

export const meetingTexts = {
  scheduled: (p: { id: number; type: string; topic: string | null; time: string; place: string | null }) =>
    [
      `已安排 ${meetingLabel(p)}`,
      `时间：${p.time}`,
      p.place ? `地点：${p.place}` : null,
      `前一天和开始前 1 小时提醒，开始时自动开放签到。不能参加请回复「请假 #${p.id} <原因>」。`,
    ]
      .filter(Boolean)
      .join('\n'),
  notFound: (p: { id: number }) => `本组织没有编号为 #${p.id} 的会议。`,
  noneOpen: () => '目前没有正在签到的会议。',
  noneUpcoming: () => '本组织目前没有待召开的会议。',
  noneToOpen: () => '没有待开始签到的会议。请先「安排」会议。',
  whichOne: (p: { command: string; list: string }) => `有多个会议，请写明编号，例如「${p.command} #编号」：\n${p.list}`,
  listLine: (p: { id: number; type: string; topic: string | null; time: string; open: boolean }) => `${meetingLabel(p)} ${p.time}${p.open ? '（签到中）' : ''}`,
  listHeader: () => '待召开的会议：',
  isCancelled: (p: { id: number }) => `会议 #${p.id} 已取消。`,
  notOpenYet: (p: { id: number; time: string }) => `#${p.id} 签到尚未开始（会议 ${p.time} 开始，届时自动开放签到）。`,
  checkInClosed: (p: { id: number }) => `#${p.id} 签到已结束，不能再签到。`,
  alreadyOpen: (p: { id: number }) => `#${p.id} 已经在签到中，回复「签到」即可。`,
  alreadyClosed: (p: { id: number }) => `#${p.id} 已经结束签到。`,
  openNotice: (p: { id: number; type: string; topic: string | null }) => `${meetingLabel(p)} 签到开始，回复「签到」`,
  checkedIn: (p: { name: string; id: number; late: boolean }) => `${p.name} 签到成功${p.late ? '（迟到）' : ''}：#${p.id}`,
  alreadyCheckedIn: (p: { name: string; id: number }) => `${p.name} 已经签到过 #${p.id}，无需重复签到。`,
  committeeOnly: (p: { id: number; name: string }) => `#${p.id} 是支委会，${p.name} 不是本组织的支委，无需签到或请假。`,
  onLeave: (p: { name: string; id: number }) => `${p.name} 已请假：#${p.id}`,
  leaveAfterCheckIn: (p: { name: string; id: number }) => `${p.name} 已经签到 #${p.id}，无需请假。`,
  leaveTooLate: (p: { id: number }) => `#${p.id} 已经结束，不能再请假。`,
  exemptNoLeave: (p: { name: string }) => `${p.name} 已免签，不列入应到名单，无需请假。`,
  cancelled: (p: { id: number; type: string; topic: string | null; time: string }) => `${meetingLabel(p)}（${p.time}）已取消。`,
  cannotCancelClosed: (p: { id: number }) => `#${p.id} 已经结束签到，不能取消。`,
  closedSummary: (p: {
    id: number
    type: string
    topic: string | null
    expected: number
    present: string[]
    late: number
    leave: string[]
    absent: string[]
  }) =>
    [
      `${meetingLabel(p)} 签到结束。`,
      `应到 ${p.expected} 人，实到 ${p.present.length} 人${p.late ? `（迟到 ${p.late} 人）` : ''}，请假 ${p.leave.length} 人，缺席 ${p.absent.length} 人`,
      `实到：${orNone(p.present)}`,
      `请假：${orNone(p.leave)}`,
      `缺席：${orNone(p.absent)}`,
    ].join('\n'),
  /** A present member's name, marked when late. */
  presentName: (p: { name: string; late: boolean }) => (p.late ? `${p.name}（迟到）` : p.name),
  leaveName: (p: { name: string; reason: string | null }) => (p.reason ? `${p.name}（${p.reason}）` : p.name),
  /** Leave reasons may be health details: they go to the officers privately, the group sees names only. */
  leaveReasons: (p: { id: number; type: string; topic: string | null; leave: { name: string; reason: string | null }[] }) =>
    [`${meetingLabel(p)} 请假原因（仅私信委员）：`, ...p.leave.map((l) => `${l.name}：${l.reason ?? '未写明'}`)].join('\n'),
  reminder: (p: { id: number; type: string; topic: string | null; time: string; hours: number; place: string | null }) =>
    `⏰ 会议提醒：${meetingLabel(p)} 将于 ${p.time} 召开（还有 ${p.hours} 小时）${p.place ? `，地点：${p.place}` : ''}。请准时参加；不能参加请回复「请假 #${p.id} <原因>」。`,
  record: (p: {
    id: number
    type: string
    status: string
    time: string
    place: string | null
    chair: string | null
    recorder: string | null
    topic: string | null
    agenda: string | null
    resolutions: string | null
    expected: number
    present: string[]
    leave: string[]
    absent: string[]
    closed: boolean
    quorum: string | null
  }) =>
    [
      `会议记录 #${p.id}（${p.status}）`,
      `类型：${p.type}`,
      `时间：${p.time}`,
      `地点：${orBlank(p.place)}`,
      `主持：${orBlank(p.chair)}`,
      `记录：${orBlank(p.recorder)}`,
      `主题：${orBlank(p.topic)}`,
      `议程：${orBlank(p.agenda)}`,
      `决议：${orBlank(p.resolutions)}`,
      `应到 ${p.expected} 人，实到 ${p.present.length} 人，请假 ${p.leave.length} 人，${p.closed ? '缺席' : '未签到'} ${p.absent.length} 人`,
      `实到：${orNone(p.present)}`,
      `请假：${orNone(p.leave)}`,
      `${p.closed ? '缺席' : '未签到'}：${orNone(p.absent)}`,
      p.quorum,
    ]
      .filter(Boolean)
      .join('\n'),
  recordSentPrivately: (p: { id: number; expected: number; present: number; leave: number; absent: number }) =>
    `#${p.id} 应到 ${p.expected} 人，实到 ${p.present} 人，请假 ${p.leave} 人，缺席/未签到 ${p.absent} 人。完整会议记录已私信你。`,
  status: (p: { status: string }) => ({ scheduled: '待召开', open: '签到中', closed: '已结束', cancelled: '已取消' })[p.status] ?? p.status,
  generalQuorum: (p: { expected: number; present: number; required: number; met: boolean }) =>
    `表决：有表决权的正式党员应到 ${p.expected} 人，实到 ${p.present} 人，须至少 ${p.required} 人到会，${p.met ? '可以表决' : '不足半数，不能表决'}。`,
  committeeQuorum: (p: { expected: number; present: number; required: number; met: boolean }) =>
    `支委应到 ${p.expected} 人，实到 ${p.present} 人，须 ${p.required} 人以上到会，${p.met ? '会议有效' : '不足半数，会议无效'}。`,
  recordUpdated: (p: { id: number; lines: string[] }) => [`已更新会议记录 #${p.id}：`, ...p.lines].join('\n'),
  recordFieldLine: (p: { field: 'chair' | 'recorder' | 'agenda' | 'resolutions'; value: string }) =>
    `${({ chair: '主持', recorder: '记录', agenda: '议程', resolutions: '决议' } as const)[p.field]}：${p.value}`,
  recordNothing: () => '请写明要填写的内容，例如：会议记录 #3 主持 王书记 记录 李四 议程 学习党章 决议 通过',
  exemptSet: (p: { name: string }) => `已将 ${p.name} 设为免签：今后不列入会议应到名单。`,
  exemptAlready: (p: { name: string }) => `${p.name} 已经是免签。`,
  exemptCleared: (p: { name: string }) => `已取消 ${p.name} 的免签，今后列入会议应到名单。`,
  exemptNot: (p: { name: string }) => `${p.name} 不是免签。`,

  // 三会一课 compliance calendar.
  calendarHeader: (p: { org: string; scope: string }) => `「${p.org}」三会一课（${p.scope}）：`,
  calendarLine: (p: { type: string; frequency: string; detail: string }) => `· ${p.type}（${p.frequency}）：${p.detail}`,
  calendarNoneBelow: () => '下级组织还没有绑定群。',
  calendarAsOf: (p: { time: string }) => `截至 ${p.time}`,
  frequencyInPeriod: (p: { frequency: string; period: string }) => `${p.frequency}，${p.period}`,
  /** A period named within its year: '11月', '第4季度'; a yearly period keeps its year. */
  periodShort: (p: { frequency: string; year: number; month: number }) =>
    p.frequency === 'monthly' ? `${p.month}月` : p.frequency === 'quarterly' ? `第${Math.floor((p.month - 1) / 3) + 1}季度` : `${p.year}年`,
  /** '10月15日', with the year when it is not the current one. */
  shortDate: (p: { year: number | null; month: number; day: number }) => `${p.year === null ? '' : `${p.year}年`}${p.month}月${p.day}日`,
  stateNotCounted: () => '绑定前，不计',
  digestItem: (p: { type: string; period: string }) => `${p.type}（${p.period}）`,
  frequency: (p: { frequency: string }) => ({ monthly: '每月', quarterly: '每季度', yearly: '每年' })[p.frequency] ?? p.frequency,
  stateHeld: (p: { count: number }) => `已开 ${p.count} 次`,
  stateDue: () => '待开',
  stateOverdue: () => '逾期',
  lastHeld: (p: { date: string }) => `（上次 ${p.date}）`,
  neverHeld: () => '（无记录）',
  periodsSummary: (p: { held: number; total: number; overdue: string[]; due: string[] }) =>
    [`已开 ${p.held}/${p.total}`, p.overdue.length ? `逾期：${p.overdue.join('、')}` : null, p.due.length ? `待开：${p.due.join('、')}` : null]
      .filter(Boolean)
      .join('；'),
  digest: (p: { org: string; month: string; due: string[]; overdue: string[] }) =>
    [
      `【三会一课提醒】「${p.org}」${p.month}`,
      p.overdue.length ? `逾期：${p.overdue.join('、')}` : null,
      p.due.length ? `待开：${p.due.join('、')}` : null,
      '在支部群里发送「三会一课」查看详情，发送「安排 <会议类型> 时间 <时间>」安排会议。',
    ]
      .filter(Boolean)
      .join('\n'),

} as const
