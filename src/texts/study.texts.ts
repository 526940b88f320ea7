/** What the bot says about study hours (学时) (part of the catalogue in src/texts/). */
export const studyTexts = {
  logged: (p: { name: string; content: string; hours: string }) => `已记录 ${p.name} 的学习打卡：${p.content}，${p.hours} 学时。发送「学时」查看本年累计（私信）。`,
  tooLong: (p: { max: number }) => `单次打卡最多 ${p.max} 小时（一天的集中培训），请分次记录。`,
  contentMissing: () => '请写上学习内容，例如：学习打卡 学习党章 2小时',
  hours: (p: { name: string; year: number; total: string; self: string; lectures: string; target: number; remaining: string | null }) =>
    `${p.name}，你 ${p.year} 年的学时：${p.total} 学时（学习打卡 ${p.self}，党课 ${p.lectures}），年度目标 ${p.target} 学时，${p.remaining === null ? '已完成' : `还差 ${p.remaining} 学时`}。`,
  sentPrivately: () => '已私信你。',
  /** The study log entry an attended 党课 gives: `党课「学习党章」 #3`. */
  lectureEntry: (p: { id: number; topic: string | null }) => `党课${p.topic ? `「${p.topic}」` : ''} #${p.id}`,
} as const
