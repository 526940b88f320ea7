/** Activities: 发起活动, 报名 and its waitlist, reminders. */
export const activityTexts = {
  created: (p: { id: number; title: string; time: string; place: string | null; capacity: number | null; deadline: string | null }) =>
    [
      `已发起活动 #${p.id}「${p.title}」`,
      `时间：${p.time}`,
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
  edited: (p: { id: number; title: string; time?: string | undefined; place?: string | undefined; capacity?: number | undefined; deadline?: string | undefined }) =>
    [
      `活动 #${p.id}「${p.title}」已修改：`,
      p.time ? `时间：${p.time}` : null,
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
}
