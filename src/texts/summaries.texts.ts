/** What each command does, in one line: 帮助 lists it, 帮助 <命令> shows it above the form. */
export const summaryTexts = {
  // handlers/activity.ts
  publish: () => '发起一个活动，成员可报名',
  signUp: () => '报名参加活动（满员进入候补）',
  cancelSignUp: () => '取消自己的报名（候补第一位自动递补）',
  signUpFor: () => '替本组织的成员报名',
  // handlers/admin.ts
  switchAccount: () => '几个机器人账号同在一群时，查看它们并换由另一个账号在本群发言',
  parkedJobs: () => '查看多次失败后搁置的定时任务（超级管理员，私聊）',
  // handlers/console.ts
  consoleLogin: () => '获取后台网页的一次性链接（书记、委员，私聊）',
  // handlers/dues.ts
  duesRate: () => '按月收入和类别算出每月党费（中组发〔2008〕3号）',
  assessDues: () => '核定成员每月党费（组织委员、书记）；金额只私信',
  collectDues: () => '登记成员已交的党费（组织委员、书记），金额只私信',
  payDues: () => '登记自己已交到党费专户的党费，等组织委员确认',
  confirmDues: () => '确认成员自报的党费（组织委员、书记）',
  myDues: () => '私信告诉你核定金额、今年已交和未交的月份',
  duesStatus: () => '某月谁已交、谁未交、共收多少（委员）；群里只显示人数，明细私信',
  collectionDay: () => '设置本组织每月收缴党费的日子（默认 5 日），当天私信提醒',
  // handlers/help.ts
  help: () => '列出你可以使用的命令',
  // handlers/meeting.ts
  scheduleMeeting: () => '安排三会一课或主题党日，到时提醒并自动开放签到',
  openCheckIn: () => '提前或手动开放会议签到（到开始时间会自动开放）',
  checkIn: () => '会议签到（开始 10 分钟后签到记为迟到）',
  askLeave: () => '会前或会中请假，须写明原因',
  checkInFor: () => '替本组织的成员签到（记入审计）',
  leaveFor: () => '替本组织的成员请假（记入审计）',
  editRecord: () => '填写会议记录的主持人、记录人、议程和决议',
  complianceCalendar: () => '三会一课落实情况：已开、待开、逾期（含下级组织）',
  // handlers/notice.ts
  post: () => '在本群发布通知，成员回复「收到」确认',
  broadcast: () => '向所有下级组织的群发送通知（各自编号、各自确认）',
  acknowledge: () => '确认收到通知（不写编号时确认最新一条）',
  noticeStatus: () => '查看通知的确认情况（私信发给你）；下发的通知按组织列出',
  nudge: () => '@ 提醒还没有确认通知的人（每条通知30分钟内一次）',
  // handlers/org.ts
  authenticate: () => '用管理员令牌成为超级管理员（私聊）',
  bind: () => '把本群绑定到一个组织（不存在则新建）',
  register: () => '在本群的组织登记自己',
  appoint: () => '任命本组织的职务',
  // handlers/report.ts
  attendance: () => '会议和活动的出勤统计；群里只显示合计，个人明细私信',
  scorecard: () => '组织工作统计：会议、出勤、党费、学时、通知确认；上级组织逐个列出下级',
  exportFile: () => '导出 Excel 表格（私信发送）：考勤、党费、活动 #编号、会议 #编号',
  // handlers/study.ts
  studyHours: () => '本人本年学时和年度目标（私信回复）',
  activities: () => '查看进行中的活动；带编号查看报名名单和候补', // handlers/activity.ts
  editActivity: () => '修改活动的时间、地点、名额或截止时间，提醒随之调整', // handlers/activity.ts
  cancelActivity: () => '取消活动并通知已报名的人', // handlers/activity.ts
  closeCheckIn: () => '结束签到，公布应到、实到、请假、缺席', // handlers/meeting.ts
  cancelMeeting: () => '取消会议及其提醒，通知应到的人', // handlers/meeting.ts
  meetings: () => '查看待召开的会议；带编号查看会议记录（私信）', // handlers/meeting.ts
  exempt: () => '年老体弱或重病的成员免于参会（不计入应到）', // handlers/meeting.ts
  unexempt: () => '恢复成员的参会要求', // handlers/meeting.ts
  dismiss: () => '免去本组织的职务', // handlers/org.ts
  members: () => '查看本组织已登记的成员和职务', // handlers/org.ts
  logStudy: (p: { maxHours: number }) => `记录学习时间（不写时长记 1 小时，单次最多 ${p.maxHours} 小时）`, // handlers/study.ts
  jielong: () => '群里的微信接龙：标题写活动名，新增的名字记为报名，删去的记为取消', // handlers/activity.ts
  develop: () => '记录发展党员的步骤和日期，或查看全部', // handlers/development.ts
  thoughtReport: () => '记录入党积极分子、预备党员交来的思想汇报（每季度一份）', // handlers/development.ts
  transferOut: () => '把党员的组织关系转往另一个组织（系统外的只记录去向）', // handlers/transfer.ts
  cancelTransfer: () => '撤销尚未被接收的转出', // handlers/transfer.ts
  acceptTransfer: () => '接收转入本组织的党员，或查看待接收的转接', // handlers/transfer.ts
  flowIn: () => '登记流入党员：组织关系在别处，在这里参加组织生活', // handlers/transfer.ts
  flowOut: () => '登记外出的流出党员和去向', // handlers/transfer.ts
  merge: () => '把一个组织并入另一个，党员和记录随之转入', // handlers/transfer.ts
  split: () => '正式党员满 3 人的单位从联合党支部拆分，单独成立党支部', // handlers/transfer.ts
  importRoster: () => '私聊发送名册文件（xlsx 或 csv），先预览再确认导入', // handlers/roster.ts
  confirmImport: () => '写入刚才预览的名册或单位名单', // handlers/roster.ts
  rosterTemplate: () => '获取名册导入模板（Excel）', // handlers/roster.ts
  claim: () => '名册里有同名时，认领自己那条记录', // handlers/roster.ts
  moveUnder: () => '把本组织调整到另一个上级组织之下（属地管理），或撤销上级', // handlers/org.ts
  registerUnit: () => '街道、区党（工）委登记属地单位（企业、社会组织、商务楼宇、专业市场）', // handlers/units.ts
  importUnits: () => '私聊发送单位名单文件（xlsx 或 csv），先预览再确认导入', // handlers/units.ts
  coverUnits: () => '记录本组织覆盖的单位（联合党支部最多 5 家），或查看', // handlers/units.ts
  coverage: () => '属地单位的党组织覆盖情况：群里看数字，名单私信', // handlers/units.ts
}
