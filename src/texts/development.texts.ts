/** What the bot says about the development pipeline (发展党员). */
const ARTICLES = {
  第十三条: '《中国共产党发展党员工作细则》第十三条：入党积极分子经过一年以上培养教育和考察，方可列为发展对象',
  第二十五条: '《中国共产党发展党员工作细则》第二十五条：预备期为一年，从支部大会通过其为预备党员之日算起，期满方可转正',
} as const

export const developmentTexts = {
  recorded: (p: { name: string; step: string; on: string; next: { step: string; possibleOn: string | null } | null }) =>
    [
      `已记录：${p.name} ${p.on} 成为${p.step}。`,
      p.next ? (p.next.possibleOn ? `下一步「${p.next.step}」最早 ${p.next.possibleOn}，届时会提醒书记。` : `下一步：${p.next.step}。`) : null,
    ]
      .filter(Boolean)
      .join('\n'),
  tooEarly: (p: { name: string; step: string; earliest: string; article: keyof typeof ARTICLES }) =>
    `未记录：${p.name} 最早 ${p.earliest} 才能成为${p.step}。依据：${ARTICLES[p.article]}。`,
  notAfterCurrent: (p: { name: string; step: string; current: string }) => `未记录：${p.name} 已是${p.current}，不能再记为${p.step}。`,
  beforePrevious: (p: { name: string; step: string; previous: string; previousOn: string }) =>
    `未记录：${p.name} ${p.previousOn} 才成为${p.previous}，${p.step}的日期不能更早。`,
  badStep: (p: { word: string; accepted: readonly string[] }) => `看不懂「${p.word}」。发展阶段可写：${p.accepted.join('、')}。`,
  badDate: (p: { text: string }) => `日期「${p.text}」无法识别，请写成 2026-03-01。`,
  overviewEmpty: (p: { org: string }) => `「${p.org}」还没有记录发展党员的步骤。用法：发展 @某人 积极分子 2026-03-01`,
  overviewHeader: (p: { org: string; counts: string }) => `「${p.org}」发展党员情况（${p.counts}）`,
  stageCount: (p: { step: string; count: number }) => `${p.step} ${p.count} 人`,
  overviewLine: (p: { name: string; step: string; since: string; next: string | null; reports: number; given: number }) =>
    `· ${p.name}：${p.step}（${p.since} 起）${p.next ? `；${p.next}` : ''}${p.reports ? `；应交思想汇报 ${p.reports} 份` : ''}${p.given ? `${p.reports ? '，' : '；'}已交 ${p.given} 份` : ''}`,
  nextDue: (p: { step: string; possibleOn: string; ready: boolean }) => (p.ready ? `已可列为${p.step}（${p.possibleOn} 起）` : `${p.possibleOn} 起可成为${p.step}`),
  nextOpen: (p: { step: string }) => `下一步：${p.step}`,
  reminder: (p: { org: string; name: string; step: string; possibleOn: string }) =>
    `【发展党员提醒】「${p.org}」${p.name} ${p.possibleOn} 起可成为${p.step}，请按程序准备（发送「发展」查看全部）。`,
  memberReminder: (p: { org: string; step: string; possibleOn: string }) =>
    p.step === '正式党员'
      ? `【发展党员提醒】「${p.org}」：你的预备期 ${p.possibleOn} 期满，请在期满前向党支部提出书面转正申请。`
      : `【发展党员提醒】「${p.org}」：你 ${p.possibleOn} 起可成为${p.step}，请与支部书记联系，按程序准备。`,
  notWritingReports: (p: { name: string; step: string | null }) =>
    `未记录：思想汇报由入党积极分子和预备党员按季度交，${p.name} ${p.step ? `目前是${p.step}` : '还没有记录发展步骤（发展 @某人 积极分子 <日期>）'}。`,
  reportInFuture: (p: { on: string }) => `未记录：${p.on} 还没到。`,
  reportRepeated: (p: { name: string; on: string }) => `${p.name} ${p.on} 的思想汇报已记录过。`,
  reportRecorded: (p: { name: string; on: string; step: string; due: number; given: number; missing: number; nextDue: string }) =>
    `已记录：${p.name} ${p.on} 交来思想汇报。成为${p.step}以来已交 ${p.given} 份，应交 ${p.due} 份${p.missing ? `，还差 ${p.missing} 份` : ''}；下一份 ${p.nextDue} 前交。`,
  thoughtReportReminder: (p: { org: string; step: string; number: number; dueOn: string; missing: number }) =>
    `【思想汇报提醒】「${p.org}」：作为${p.step}，你的第 ${p.number} 份思想汇报（每季度一份）请于 ${p.dueOn} 前交给党支部${p.missing > 1 ? `（还有 ${p.missing - 1} 份之前的未记录）` : ''}。已经交了的，请告诉支部委员记录。`,
  rollupHeader: () => '发展党员（入党申请人｜入党积极分子｜发展对象｜预备党员）：',
  rollupLine: (p: { name: string; 入党申请人: number; 入党积极分子: number; 发展对象: number; 预备党员: number }) =>
    `· ${p.name}：${p.入党申请人}｜${p.入党积极分子}｜${p.发展对象}｜${p.预备党员}`,
  scorecardFile: (p: { org: string; period: string }) => `${p.org}_${p.period}工作统计.xlsx`,
  scorecardColumns: () => ['组织', '期间', '党员数', '会议次数', '逾期项', '出勤率', '党费收缴率', '人均学时', '通知确认率', '入党申请人', '入党积极分子', '发展对象', '预备党员'],
  peopleSheet: () => '发展党员',
  peopleColumns: () => ['组织', '姓名', '阶段', '起始日期'],
}
