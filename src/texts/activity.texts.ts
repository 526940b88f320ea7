/** Activities: 发起活动, 报名 and its waitlist, reminders. */
export const activityTexts = {
  created: (p: { id: number; title: string; time: string; timeNote?: string | null; place: string | null; capacity: number | null; deadline: string | null }) =>
    [
      `已发起活动 #${p.id}「${p.title}」`,
      `时间：${p.time}`,
      p.timeNote ?? null,
      p.place ? `地点：${p.place}` : null,
      p.capacity ? `名额：${p.capacity} 人` : null,
      p.deadline ? `报名截止：${p.deadline}` : null,
      `回复「报名 #${p.id}」参加。`,
    ]
      .filter(Boolean)
      .join('\n'),
  signedUp: (p: { name: string; id: number; title: string; count: number; capacity: number | null }) =>
    `${p.name} 报名成功：#${p.id}「${p.title}」（已报 ${p.count}${p.capacity ? `/${p.capacity}` : ''} 人）`,
  waitlisted: (p: { name: string; id: number; title: string; position: number }) =>
    `名额已满，${p.name} 已进入候补第 ${p.position} 位：#${p.id}「${p.title}」。有人取消时自动递补并通知。`,
  alreadySignedUp: (p: { name: string; id: number }) => `${p.name} 已经报名 #${p.id}，无需重复报名。`,
  alreadyWaiting: (p: { name: string; id: number; position: number }) => `${p.name} 已在 #${p.id} 的候补名单第 ${p.position} 位。`,
  cancelledSignUp: (p: { name: string; id: number; title: string }) => `${p.name} 已取消报名 #${p.id}「${p.title}」。`,
  notSignedUp: (p: { name: string; id: number }) => `${p.name} 没有报名 #${p.id}。`,
  // Sent with an @mention of the promoted member in front, which names them.
  promoted: (p: { id: number; title: string }) => `候补转正，报名成功：#${p.id}「${p.title}」。`,
  none: () => '本组织目前没有进行中的活动。',
  notFound: (p: { id: number }) => `本组织没有编号为 #${p.id} 的活动。`,
  choiceLine: (p: { id: number; title: string; time: string }) => `#${p.id}「${p.title}」${p.time}`,
  whichOne: (p: { list: string }) => `目前有多个活动，请写明编号，例如「报名 #编号」：\n${p.list}`,
  closed: (p: { id: number }) => `#${p.id} 报名已截止。`,
  started: (p: { id: number }) => `#${p.id} 已经开始或结束，不能再报名。`,
  isCancelled: (p: { id: number }) => `#${p.id} 已取消。`,
  listHeader: () => '进行中的活动：',
  listLine: (p: { id: number; title: string; time: string; count: number; capacity: number | null; waiting: number }) =>
    `#${p.id}「${p.title}」${p.time}，已报 ${p.count}${p.capacity ? `/${p.capacity}` : ''} 人${p.waiting ? `，候补 ${p.waiting} 人` : ''}`,
  detail: (p: {
    id: number
    title: string
    time: string
    place: string | null
    capacity: number | null
    deadline: string | null
    status: string
    roster: string[]
    waitlist: string[]
  }) =>
    [
      `#${p.id}「${p.title}」${p.status === 'cancelled' ? '（已取消）' : ''}`,
      `时间：${p.time}`,
      p.place ? `地点：${p.place}` : null,
      p.deadline ? `报名截止：${p.deadline}` : null,
      `已报名 ${p.roster.length}${p.capacity ? `/${p.capacity}` : ''} 人：${p.roster.length ? p.roster.join('、') : '暂无'}`,
      p.waitlist.length ? `候补 ${p.waitlist.length} 人：${p.waitlist.join('、')}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  activityCancelled: (p: { id: number; title: string; time: string }) => `活动 #${p.id}「${p.title}」（${p.time}）已取消，报名随之取消。`,
  reminder: (p: { id: number; title: string; time: string; hours: number; place: string | null; count: number }) =>
    `⏰ 活动提醒：#${p.id}「${p.title}」将于 ${p.time} 开始（还有 ${p.hours} 小时）${p.place ? `，地点：${p.place}` : ''}。已报名 ${p.count} 人${p.count ? '，请准时参加' : ''}。`,
  deadlineReached: (p: { id: number; title: string; count: number; waiting: number }) =>
    `#${p.id}「${p.title}」报名已截止，共 ${p.count} 人报名${p.waiting ? `，候补 ${p.waiting} 人` : ''}。`,
  /** Lists only what changed. */
  edited: (p: { id: number; title: string; time?: string | undefined; timeNote?: string | undefined; place?: string | undefined; capacity?: number | undefined; deadline?: string | undefined }) =>
    [
      `活动 #${p.id}「${p.title}」已修改：`,
      p.time ? `时间：${p.time}` : null,
      p.timeNote ?? null,
      p.place ? `地点：${p.place}` : null,
      p.capacity !== undefined ? `名额：${p.capacity} 人` : null,
      p.deadline ? `报名截止：${p.deadline}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  nothingToChange: () => '请写明要修改的内容，例如：修改活动 #3 时间 下周日上午9点',
  capacityBad: () => '名额请填写正整数，例如：名额 20',
  deadlineAfterStart: () => '报名截止时间应早于活动开始时间。',
  titleMissing: () => '请写上活动标题。',
  /** Said under the time when 周六上午9点 was typed on a Saturday after 9. */
  rolledToNextWeek: (p: { weekday: string }) => `今天的这个时间已经过了，已按下${p.weekday}安排。`,
  pastToday: (p: { input: string; usage: string; example: string }) =>
    `时间「${p.input}」已经过去了，请填写将来的时间。\n格式：${p.usage}\n例如：${p.example}`,
  refIsMeeting: (p: { id: number }) => `#${p.id} 是会议的编号，不是活动。发「活动」查看进行中的活动和编号。`,
  refIsNotice: (p: { id: number }) => `#${p.id} 是通知的编号，不是活动。发「活动」查看进行中的活动和编号。`,
  severalSignedUp: (p: { lines: string[] }) => p.lines.join('\n'),
  // 接龙: WeChat's own sign-up list, read each time it is re-posted.
  jielongOpened: (p: { title: string }) => `本活动可用微信接龙报名：在群里发起接龙，标题写「${p.title}」，接龙里新增的名字记为报名，删去的记为取消。`,
  jielongRead: (p: { id: number; title: string; lines: string[] }) => [`接龙已登记到 #${p.id}「${p.title}」：`, ...p.lines].join('\n'),
  jielongUnknown: (p: { id: number; title: string; names: string[] }) =>
    `#${p.id}「${p.title}」的接龙里有 ${p.names.length} 个名字对不上已登记的成员，未登记报名：${p.names.join('、')}。请让本人在群里「登记」后发「报名 #${p.id}」，或用「代报名 @某人 #${p.id}」。`,
  jielongWhich: (p: { title: string; list: string }) => `接龙「${p.title}」对应多个活动，未登记。请在接龙标题里写明活动名：\n${p.list}`,
}
