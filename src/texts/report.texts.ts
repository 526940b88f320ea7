/** What the bot says in 考勤, 统计 and 导出 (part of the catalogue in src/texts/). */
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
  attendanceLine: (p: { name: string; expected: number; attended: number; leave: number; absent: number; rate: string }) =>
    `· ${p.name}：${p.expected}/${p.attended}/${p.leave}/${p.absent}，${p.rate}`,
  detailSentPrivately: () => '每个人的明细已私信你。',
  personalHeader: (p: { name: string; period: string; expected: number; attended: number; leave: number; absent: number; rate: string; signUps: number }) =>
    `${p.name} ${p.period}：应到 ${p.expected}，实到 ${p.attended}，请假 ${p.leave}，缺席 ${p.absent}，出勤率 ${p.rate}；活动报名 ${p.signUps} 次。`,
  scoreHeader: (p: { org: string; period: string }) => `「${p.org}」${p.period}工作统计（会议次数｜逾期项｜出勤率｜党费收缴率｜人均学时｜通知确认率）：`,
  scoreLine: (p: { name: string; members: number; meetings: number; overdue: number; attendance: string; dues: string; study: number; acks: string }) =>
    `· ${p.name}（${p.members}人）：会议 ${p.meetings}｜逾期 ${p.overdue}｜出勤 ${p.attendance}｜党费 ${p.dues}｜学时 ${p.study}｜确认 ${p.acks}`,
  exportSent: (p: { name: string }) => `已生成「${p.name}」，请查收。`,
  exportSentPrivately: (p: { name: string }) => `已生成「${p.name}」，已私信发给你。`,
  meetingNotFound: (p: { id: number }) => `本组织没有编号为 #${p.id} 的会议。`,
  orgNotBelow: (p: { name: string }) => `「${p.name}」不是本组织或其下级组织。`,
} as const
