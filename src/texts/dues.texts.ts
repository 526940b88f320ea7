/**
 * What the bot says about Party dues (part of the catalogue in src/texts/).
 * Amounts and incomes are personal data: sentences marked "group" never carry one; the others
 * go to a private chat only. Amounts arrive already formatted ('76.50'), months as '11月'.
 */

const ACCOUNT = '党费请交到支部党费专户，本助手只记账、不经手钱款。'
const CATEGORIES = '在职、年薪制、个体、离退休、学生、失业、低保、农民、困难'

export const duesTexts = {
  // The rule line of a hardship case (the branch decides, the upper committee approves: 中组发〔2008〕3号).
  hardshipWaived: () => '困难 免交（上级党委批准）',
  hardshipReduced: (p: { amount: string }) => `困难 减交 每月${p.amount}元（上级党委批准）`,
  // Forms quoted back when an amount can't be read
  assessUsage: () => '核定党费 @某人 收入 <月收入> [类别] [从 YYYY-MM] 或 核定党费 @某人 [党费] <金额> [类别] [从 YYYY-MM] [确认]',
  collectUsage: () => '收党费 @某人 <金额> [月份或月份范围]',
  reportUsage: () => '交党费 <金额> [月份或月份范围]',
  /** '2026年11月' */
  longMonth: (p: { year: number; month: number }) => `${p.year}年${p.month}月`,
  incomeLabel: (p: { individual: boolean; amount: string }) => `${p.individual ? '上季度月均收入' : '月收入'} ${p.amount} 元`,
  /** The rule stored with an amount the branch set by hand. */
  ruleBranchSet: (p: { category: string }) => `${p.category} 支部核定`,

  // 党费标准
  rate: (p: { basis: string | null; category: string; amount: string; rule: string }) =>
    `${p.basis ? `${p.basis}（${p.category}）` : p.category}：每月 ${p.amount} 元（${p.rule}）`,
  rateNote: () => '按税后月收入计算（中组发〔2008〕3号）。',
  badIncome: (p: { input: string }) =>
    `看不懂收入「${p.input}」。请写税后月收入的金额（元），例如：党费标准 8800 在职\n格式：党费标准 <月收入> [类别]\n类别：${CATEGORIES}`,
  incomeNeeded: (p: { category: string }) => `${p.category}党员按收入计算，请写上月收入，例如：党费标准 8800 ${p.category}`,
  badCategory: (p: { input: string }) => `看不懂类别「${p.input}」。类别：${CATEGORIES}`,
  hardshipDecided: () => '困难党员的党费由支部研究、报上级党委批准后少交或免交（中组发〔2008〕3号），请组织委员发：核定党费 @某人 <金额> 困难',

  // 核定党费
  badAmount: (p: { input: string; usage: string }) => `看不懂金额「${p.input}」。请写金额（元），例如 88.00\n格式：${p.usage}`,
  badMonth: (p: { input: string }) => `看不懂月份「${p.input}」。请写成：11月、2026-11、9-11月 或 2026-09至2026-11`,
  oneMonthOnly: (p: { input: string }) => `「${p.input}」是几个月，这里请只写一个月，例如：2026-09`,
  monthsReversed: (p: { input: string }) => `月份「${p.input}」前后颠倒了，请从早写到晚，例如：9-11月`,
  tooManyMonths: (p: { max: number }) => `一次最多登记 ${p.max} 个月，请分几次登记。`,
  tooFarAhead: (p: { month: string }) => `${p.month} 还太远，最多预交一年以内的党费。`,
  incomeOrDues: (p: { name: string }) =>
    [
      `没有保存：这个数比常见的每月党费大得多，是 ${p.name} 的税后月收入，还是每月党费？`,
      `是月收入请发：核定党费 @${p.name} 收入 <月收入>`,
      `确是每月党费请发：核定党费 @${p.name} 党费 <金额>`,
    ].join('\n'),
  changeToConfirmGroup: (p: { name: string; factor: number }) => `没有保存：${p.name} 的每月党费与上次核定相差 ${p.factor} 倍以上，请核对，详情已私信`,
  changeToConfirm: (p: { name: string; last: string; next: string; factor: number }) =>
    [
      `没有保存：${p.name} 上次核定每月 ${p.last} 元，这次为每月 ${p.next} 元，相差 ${p.factor} 倍以上。`,
      '核对无误请在原命令末尾加「确认」重发，例如：核定党费 @' + p.name + ' 收入 <月收入> 确认',
    ].join('\n'),
  /** Appended to a group reply when an amount or an income was typed in the group. */
  usePrivateForm: (p: { form: string }) => `提示：群里的人都能看到你输入的金额。下次请私信我：${p.form}`,
  assessPrivateForm: (p: { name: string }) => `核定党费 ${p.name} 收入 <月收入>`,
  collectPrivateForm: (p: { name: string }) => `收党费 ${p.name} <金额> [月份]`,
  reportPrivateForm: () => '交党费 <金额> [月份]',
  notPartyMember: (p: { name: string; stage: string }) => `${p.name} 是${p.stage}，还不交党费（预备党员和正式党员才交）。`,
  assessedGroup: (p: { name: string }) => `已为 ${p.name} 核定党费，详情已私信`,
  assessedOfficer: (p: { name: string; from: string; amount: string; basis: string | null; rule: string; duesFrom: string | null }) =>
    [
      `已为 ${p.name} 核定党费：自 ${p.from}起每月 ${p.amount} 元。`,
      `依据：${p.basis ? `${p.basis}，` : ''}${p.rule}`,
      p.duesFrom ? `预备党员，自 ${p.duesFrom}起交纳党费。` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  assessedMember: (p: { name: string; from: string; amount: string; rule: string }) =>
    `${p.name}，你的党费已核定：自 ${p.from}起每月 ${p.amount} 元（${p.rule}）。\n${ACCOUNT}交后可发「交党费 <金额> [月份]」登记。`,

  // 收党费 / 交党费 / 确认党费
  backPaymentRefused: (p: { months: string; earliest: string }) =>
    `补交最多 6 个月（中组发〔2008〕3号）：${p.months} 已超过补交期限，现在最早可补交 ${p.earliest}。`,
  alreadyPaid: (p: { name: string; months: string }) => `${p.name} ${p.months}的党费已经记录过了，无需重复登记。`,
  pendingExists: (p: { name: string; months: string }) => `${p.name} 已自报 ${p.months}党费，等待确认。请发：确认党费 @${p.name} ${p.months}`,
  alreadyReported: (p: { months: string }) => `你已自报 ${p.months}党费，等待组织委员确认，无需重复。`,
  recordedGroup: (p: { name: string; months: string }) => `已记录 ${p.name} ${p.months}党费，详情已私信`,
  reportedGroup: (p: { name: string; months: string }) => `已记录 ${p.name} ${p.months}党费（待确认），详情已私信`,
  recordedOfficer: (p: { name: string; months: string; amount: string }) => `已记录 ${p.name} ${p.months}党费 ${p.amount} 元（已确认）。`,
  recordedMember: (p: { by: string; months: string; amount: string }) => `${p.by} 已为你登记 ${p.months}党费 ${p.amount} 元。`,
  reportedMember: (p: { months: string; amount: string }) => `已记录你自报的 ${p.months}党费 ${p.amount} 元，等待组织委员核对确认。`,
  reportedCollector: (p: { name: string; months: string; amount: string }) =>
    `${p.name} 自报已交 ${p.months}党费 ${p.amount} 元。请核对党费专户到账后发：确认党费 @${p.name} ${p.months}`,
  difference: (p: { monthly: string | null; expected: string; count: number; diff: string; more: boolean }) =>
    `与核定金额 ${p.monthly ? `${p.monthly} 元/月` : `共 ${p.expected} 元`}${p.monthly && p.count > 1 ? `（${p.count} 个月共 ${p.expected} 元）` : ''}相差 ${p.diff} 元（${p.more ? '多交' : '少交'}）。`,
  notAssessedFor: (p: { months: string }) => `${p.months}尚未核定党费，金额无从核对。`,
  toCentre: () => '⚠️ 单笔自愿多交 1000 元以上，按规定全部上缴中央（中组发〔2008〕3号），已标记「上缴中央」。',
  account: () => ACCOUNT,
  nothingPending: (p: { name: string; months: string | null }) => `${p.name} ${p.months ? `${p.months}` : ''}没有待确认的党费。`,
  confirmedGroup: (p: { name: string; months: string }) => `已确认 ${p.name} ${p.months}党费，详情已私信`,
  confirmedOfficer: (p: { name: string; months: string; amount: string }) => `已确认 ${p.name} ${p.months}党费，共 ${p.amount} 元。`,
  confirmedMember: (p: { months: string; amount: string; by: string }) => `你的 ${p.months}党费 ${p.amount} 元 已由 ${p.by} 确认。`,

  // 我的党费
  sentPrivately: () => '已私信你',
  notRegisteredAnywhere: () => '你还没有在任何组织登记。请在支部群里发送：登记 <姓名> [正式党员|预备党员]',
  mineHeader: (p: { org: string }) => `我的党费（${p.org}）`,
  mineNotAssessed: () => '你的党费还没有核定，请联系组织委员。',
  mineAssessed: (p: { from: string; amount: string; rule: string }) => `核定：自 ${p.from}起每月 ${p.amount} 元（${p.rule}）`,
  minePaid: (p: { year: number; months: string | null; amount: string }) =>
    p.months ? `${p.year}年已交：${p.months}，共 ${p.amount} 元` : `${p.year}年已交：暂无`,
  minePending: (p: { months: string }) => `待组织委员确认：${p.months}`,
  mineOwed: (p: { months: string; amount: string }) => `未交：${p.months}，共 ${p.amount} 元`,
  mineClear: () => '没有欠交，谢谢！',
  pastBackPayment: (p: { months: string }) => `${p.months}已超过 6 个月补交期限，不能再补交，请联系组织委员说明情况。`,
  mineHowTo: () => `${ACCOUNT}交后发「交党费 <金额> [月份]」登记。`,

  // 党费情况
  statusGroup: (p: { month: string; paid: number; unpaid: number; pending: number }) =>
    `${p.month}党费：已交 ${p.paid} 人，${p.pending ? `待确认 ${p.pending} 人，` : ''}未交 ${p.unpaid} 人。详情已私信`,
  statusHeader: (p: { org: string; month: string }) => `「${p.org}」${p.month}党费`,
  labelPaid: () => '已交',
  labelPending: () => '待确认',
  labelUnpaid: () => '未交',
  labelExempt: () => '免交',
  labelUnassessed: () => '未核定',
  statusLine: (p: { label: string; names: string[] }) => `${p.label} ${p.names.length} 人${p.names.length ? `：${p.names.join('、')}` : ''}`,
  statusTotal: (p: { amount: string }) => `本月已收（已确认）：${p.amount} 元`,
  statusCentre: (p: { amount: string }) => `其中上缴中央：${p.amount} 元`,

  // Scheduled: the collection day
  reminder: (p: { name: string; month: string; amount: string | null; months: string; total: string }) =>
    [
      `${p.name}，今天是党费收缴日。`,
      p.amount ? `${p.month}党费：${p.amount} 元。` : null,
      `尚未交纳：${p.months}，共 ${p.total} 元。`,
      `${ACCOUNT}交后发「交党费 <金额> [月份]」登记。`,
    ]
      .filter(Boolean)
      .join('\n'),
  summary: (p: { org: string; month: string; paid: number; pending: number; unpaid: string[] }) =>
    [
      `「${p.org}」${p.month}党费收缴日：已交 ${p.paid} 人，待确认 ${p.pending} 人，未交 ${p.unpaid.length} 人${p.unpaid.length ? `：${p.unpaid.join('、')}` : ''}。`,
      '未交的成员已各自收到私信提醒。发「党费情况」查看明细。',
    ].join('\n'),
  arrearsWarning: (p: { name: string; count: number; months: string; lapseDay: string; lapsed: boolean }) =>
    [
      `⚠️ 党费欠交提醒：${p.name} 已连续 ${p.count} 个月未交党费（${p.months}）。`,
      p.lapsed
        ? `已满连续 6 个月，自 ${p.lapseDay}起符合「连续六个月不交纳党费」的情形（党章第九条；中组发〔2008〕3号），请支部按规定研究处理。`
        : `党章第九条规定：没有正当理由连续六个月不交纳党费的，视为自行脱党（另见中组发〔2008〕3号）。若一直不交，到 ${p.lapseDay}将满 6 个月。请及时谈心谈话、督促补交。`,
    ].join('\n'),
  collectionDaySet: (p: { org: string; day: number; hour: number }) =>
    `已将「${p.org}」的党费收缴日设为每月 ${p.day} 日：当天 ${String(p.hour).padStart(2, '0')}:00 私信提醒尚未交纳的党员，并把汇总私信给组织委员。`,
} as const
