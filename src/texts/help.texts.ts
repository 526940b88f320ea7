/** 帮助: the list of commands and one command's form. */
export const helpTexts = {
  header: () => '你可以使用的命令：',
  line: (p: { usage: string; summary: string }) => `· ${p.usage}  ${p.summary}`,
  footer: () => '发送「帮助 <命令>」查看格式和例子。',
  privateFooter: () => '群里的命令（报名、签到等）请在群里发送「帮助」查看。',
  detail: (p: { usage: string; summary: string; example: string; aliases: string }) =>
    `${p.summary}\n格式：${p.usage}\n例如：${p.example}${p.aliases ? `\n也可以说：${p.aliases}` : ''}`,
  unknown: (p: { name: string }) => `没有「${p.name}」这个命令。发送「帮助」查看全部。`,
  unknownNear: (p: { name: string; nearest: string }) => `没有「${p.name}」这个命令，你是想查「${p.nearest}」吗？发送「帮助 ${p.nearest}」。`,
  officerListSent: () => '委员可用的全部命令已分类私信你。',
  registerFirst: () => '登记后还可以报名活动、签到、请假、学习打卡、查党费：发送「登记 <姓名>」。',
  section: (p: { section: 'members' | 'activity' | 'meeting' | 'dues' | 'notice' | 'reports' | 'other' }) =>
    `【${{ members: '成员', activity: '活动', meeting: '会议', dues: '党费', notice: '通知', reports: '统计', other: '其他' }[p.section]}】`,
}
