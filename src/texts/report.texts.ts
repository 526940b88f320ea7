const ATTENDANCE_STATUS = new Map([['present', '出席'], ['late', '迟到'], ['leave', '请假'], ['absent', '缺席']])
const SIGN_UP_STATUS = new Map([['confirmed', '已报名'], ['waitlisted', '候补'], ['cancelled', '已取消']])
const NOT_FILLED = '未填写'

/**
 * What the bot says in 考勤, 统计 and 导出 (part of the catalogue in src/texts/), and what the
 * exported workbooks call their sheets and columns. The column lists are arrays, not sentences.
 */
export const reportTexts = {
  badPeriod: (p: { word: string }) => `看不懂期间「${p.word}」。可以写：本月、上月、本季度、上季度、本年、去年，或 2026-11。`,
  attendanceSummary: (p: {
    org: string
    period: string
    meetings: number
    expected: number
    attended: number
    late: number
    leave: number
    absent: number
    rate: string
    activities: number
    signUps: number
  }) =>
    `「${p.org}」${p.period}考勤：会议 ${p.meetings} 次，应到 ${p.expected} 人次，实到 ${p.attended}（迟到 ${p.late}），请假 ${p.leave}，缺席 ${p.absent}，出勤率 ${p.rate}；活动 ${p.activities} 次，报名 ${p.signUps} 人次。`,
  attendanceHeader: () => '成员：应到/实到/请假/缺席，出勤率，活动报名',
  attendanceOrgHeader: () => '下级组织：应到/实到/请假/缺席，出勤率（个人明细请用「导出 考勤」）',
  /** A member's line carries their sign-ups; an organisation's line has none. */
  attendanceLine: (p: { name: string; expected: number; attended: number; leave: number; absent: number; rate: string; signUps?: number | undefined }) =>
    `· ${p.name}：${p.expected}/${p.attended}/${p.leave}/${p.absent}，${p.rate}${p.signUps === undefined ? '' : `，报名 ${p.signUps}`}`,
  detailSentPrivately: () => '每个人的明细已私信你。',
  personalHeader: (p: { name: string; period: string; expected: number; attended: number; leave: number; absent: number; rate: string; signUps: number }) =>
    `${p.name} ${p.period}：应到 ${p.expected}，实到 ${p.attended}，请假 ${p.leave}，缺席 ${p.absent}，出勤率 ${p.rate}；活动报名 ${p.signUps} 次。`,
  personalLine: (p: { time: string; type: string; topic: string | null; status: string; reason: string | null }) =>
    `· ${p.time} ${p.type}${p.topic ? `「${p.topic}」` : ''}：${p.status}${p.reason ? `（${p.reason}）` : ''}`,
  /** An attendance row's status as a word (出席 迟到 请假 缺席). */
  attendanceStatus: (p: { status: string }) => ATTENDANCE_STATUS.get(p.status) ?? p.status,
  /** The row that adds up the organisations below. */
  total: () => '合计',
  scoreHeader: (p: { org: string; period: string }) => `「${p.org}」${p.period}工作统计（会议次数｜逾期项｜出勤率｜党费收缴率｜人均学时｜通知确认率）：`,
  scoreLine: (p: { name: string; members: number; meetings: number; overdue: number; attendance: string; dues: string; study: number; acks: string }) =>
    `· ${p.name}（${p.members}人）：会议 ${p.meetings}｜逾期 ${p.overdue}｜出勤 ${p.attendance}｜党费 ${p.dues}｜学时 ${p.study}｜确认 ${p.acks}`,
  exportSent: (p: { name: string }) => `已生成「${p.name}」，请查收。`,
  chartSentPrivately: () => '图表已私信你。',
  chartCaption: (p: { org: string; period: string }) => `「${p.org}」${p.period}的图表（数字与文字版相同）：`,
  exportSentPrivately: (p: { name: string }) => `已生成「${p.name}」，已私信发给你。`,
  meetingNotFound: (p: { id: number }) => `本组织没有编号为 #${p.id} 的会议。`,
  orgNotBelow: (p: { name: string }) => `「${p.name}」不是本组织或其下级组织。`,

  // 导出: file names, sheet names and column headers are what the officer reads in Excel.
  attendanceFile: (p: { org: string; period: string }) => `${p.org}-考勤-${p.period}.xlsx`,
  duesFile: (p: { org: string; period: string }) => `${p.org}-党费-${p.period}.xlsx`,
  meetingFile: (p: { id: number; type: string; date: string }) => `会议${p.id}-${p.type}-${p.date}.xlsx`,
  activityFile: (p: { id: number; title: string }) => `活动${p.id}-${p.title}.xlsx`,
  summarySheet: () => '汇总',
  detailSheet: () => '明细',
  attendanceSummaryColumns: () => ['组织', '期间', '会议次数', '应到', '实到', '迟到', '请假', '缺席', '出勤率'],
  attendanceDetailColumns: () => ['组织', '姓名', '会议', '类型', '时间', '状态', '请假原因'],
  duesSummaryColumns: () => ['组织', '期间', '应交人次', '已交人次', '应交金额(元)', '已交金额(元)', '收缴率'],
  duesDetailColumns: () => ['组织', '姓名', '月份', '核定金额(元)', '已交金额(元)', '状态'],
  /** A member's month: paid in full, in part, or not at all. */
  duesState: (p: { dueFen: number; paidFen: number }) => (p.paidFen >= p.dueFen ? '已交' : p.paidFen > 0 ? '部分' : '未交'),
  meetingSheet: () => '会议记录',
  meetingRecord: (p: {
    id: number
    type: string
    time: string
    place: string | null
    topic: string | null
    chair: string | null
    recorder: string | null
    agenda: string | null
    resolutions: string | null
    expected: number
    attended: number
    leave: number
    absent: number
  }) =>
    [
      ['会议', `#${p.id} ${p.type}`],
      ['时间', p.time],
      ['地点', p.place ?? NOT_FILLED],
      ['主题', p.topic ?? NOT_FILLED],
      ['主持人', p.chair ?? NOT_FILLED],
      ['记录人', p.recorder ?? NOT_FILLED],
      ['议程', p.agenda ?? NOT_FILLED],
      ['决议', p.resolutions ?? NOT_FILLED],
      ['应到', p.expected],
      ['实到', p.attended],
      ['请假', p.leave],
      ['缺席', p.absent],
    ] as Array<[string, string | number]>,
  meetingDetailSheet: () => '签到明细',
  meetingDetailColumns: () => ['姓名', '状态', '请假原因', '记录时间'],
  /** 会议 column of the attendance detail: `#n` and the topic if any. */
  meetingLabel: (p: { id: number; topic: string | null }) => `#${p.id}${p.topic ? ` ${p.topic}` : ''}`,
  activitySheet: () => '活动',
  activityRecord: (p: { id: number; title: string; time: string; place: string | null; capacity: number | null; cancelled: boolean; confirmed: number; waitlisted: number; cancelledSignUps: number }) =>
    [
      ['活动', `#${p.id} ${p.title}`],
      ['时间', p.time],
      ['地点', p.place ?? NOT_FILLED],
      ['名额', p.capacity ?? '不限'],
      ['状态', p.cancelled ? '已取消' : '进行中'],
      ['已报名', p.confirmed],
      ['候补', p.waitlisted],
      ['已取消报名', p.cancelledSignUps],
    ] as Array<[string, string | number]>,
  activityDetailSheet: () => '报名明细',
  activityDetailColumns: () => ['姓名', '状态', '备注', '报名时间', '取消时间'],
  signUpStatus: (p: { status: string }) => SIGN_UP_STATUS.get(p.status) ?? p.status,
} as const
