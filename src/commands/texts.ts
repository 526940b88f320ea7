import { duesTexts } from '../domain/dues/dues.texts.js'
import { meetingTexts } from '../domain/meeting/meeting.texts.js'
import { noticeTexts } from '../domain/notice/notice.texts.js'
import { reportTexts } from '../domain/report/report.texts.js'

/**
 * Every sentence the bot says, in one place, keyed by module. Replies that users and tests rely
 * on keep their key words: 报名成功, 候补, 已取消, 签到成功, 已请假, 无权, 格式 (design.md §2).
 */
export const texts = {
  common: {
    format: (p: { usage: string; example: string }) => `格式：${p.usage}\n例如：${p.example}`,
    noRight: (p: { need: string }) => `无权操作：此命令需要${p.need}。`,
    groupOnly: () => '此命令请在已绑定的群里使用。',
    privateOnly: () => '此命令涉及个人信息，请私聊我使用。',
    notBound: () => '本群尚未绑定组织。请管理员发送：绑定 <组织名>',
    notRegistered: () => '你还没有登记。请先发送：登记 <姓名> [正式党员|预备党员|发展对象|入党积极分子]',
    unknownPrivate: () => '没有听懂。发送「帮助」查看可用的命令。',
    internal: () => '抱歉，处理时出了点问题，请稍后再试。',
    backOnline: (p: { since: string; now: string }) => `支部助手曾于 ${p.since} 掉线，已于 ${p.now} 重新登录。掉线期间群里的命令可能没有处理，请提醒大家需要时重发。`,
    tooLong: (p: { max: number }) => `消息太长了（上限 ${p.max} 字），请精简后再发。`,
    mentionNeeded: (p: { usage: string }) => `请 @ 要操作的人。格式：${p.usage}`,
    mentionUnknown: (p: { name: string }) => `群里找不到「${p.name}」，请从成员列表里 @ 他。`,
    mentionAmbiguous: (p: { name: string }) => `群里有不止一位「${p.name}」，请改用群昵称区分后再 @。`,
    mentionNotMember: (p: { name: string }) => `${p.name} 还没有在本组织登记。`,
    badTime: (p: { input: string; forms: string }) => `看不懂时间「${p.input}」。请写成：${p.forms}`,
    pastTime: (p: { input: string }) => `时间「${p.input}」已经过去了，请填写将来的时间。`,
    noHour: (p: { input: string }) => `「${p.input}」没有写几点，请补上钟点，例如：${p.input}上午9点`,
  },
  help: {
    header: () => '你可以使用的命令：',
    line: (p: { usage: string; summary: string }) => `· ${p.usage}  ${p.summary}`,
    footer: () => '发送「帮助 <命令>」查看格式和例子。',
    privateFooter: () => '群里的命令（报名、签到等）请在群里发送「帮助」查看。',
    detail: (p: { usage: string; summary: string; example: string; aliases: string }) =>
      `${p.summary}\n格式：${p.usage}\n例如：${p.example}${p.aliases ? `\n也可以说：${p.aliases}` : ''}`,
    unknown: (p: { name: string }) => `没有「${p.name}」这个命令。发送「帮助」查看全部。`,
  },
  admin: {
    noParkedJobs: () => '没有搁置的定时任务，一切正常。',
    parkedHeader: (p: { count: number }) => `多次失败后搁置的定时任务（${p.count} 个，详见日志）：`,
    parkedLine: (p: { id: number; kind: string; dueAt: string; attempts: number; error: string }) =>
      `· #${p.id} ${p.kind}，原定 ${p.dueAt}，试了 ${p.attempts} 次：${p.error}`,
  },
  org: {
    authOk: () => '认证成功，你已是超级管理员。可在群里发送「绑定 <组织名>」把群绑定到组织。',
    authAlready: () => '你已经是超级管理员。',
    authBad: () => '令牌不正确。',
    authDisabled: () => '未配置管理员令牌（ZHIBU_ADMIN_TOKEN），无法认证。',
    bound: (p: { name: string; type: string; parent: string | null; created: boolean }) =>
      `本群已绑定到「${p.name}」（${p.type}${p.parent ? `，上级：${p.parent}` : ''}）${p.created ? '，组织已新建' : ''}。\n成员请发送：登记 <姓名> [正式党员|预备党员]`,
    alreadyBound: (p: { name: string }) => `本群已绑定到「${p.name}」，不能重复绑定。`,
    orgBoundElsewhere: (p: { name: string }) => `组织「${p.name}」已绑定了另一个群。`,
    parentMissing: (p: { name: string }) => `找不到上级组织「${p.name}」。请先在上级的群里绑定它。`,
    parentMismatch: (p: { name: string; parent: string }) => `组织「${p.name}」已存在，上级是「${p.parent}」，与填写的不一致。`,
    bindNoRight: () => '无权绑定：需要超级管理员，或上级组织的书记、副书记、组织委员。',
    registered: (p: { name: string; org: string; stage: string; category: string }) =>
      `${p.name} 已登记到「${p.org}」：${p.stage}，${p.category}。`,
    reRegistered: (p: { name: string; stage: string; category: string }) => `已更新 ${p.name} 的登记信息：${p.stage}，${p.category}。`,
    appointed: (p: { name: string; title: string; org: string }) => `已任命 ${p.name} 为「${p.org}」${p.title}。`,
    alreadyHolds: (p: { name: string; title: string }) => `${p.name} 已经是${p.title}。`,
    dismissed: (p: { name: string; title: string }) => `已免去 ${p.name} 的${p.title}职务。`,
    notHolding: (p: { name: string; title: string }) => `${p.name} 并未担任${p.title}。`,
    membersHeader: (p: { org: string; count: number }) => `「${p.org}」已登记 ${p.count} 人：`,
    memberLine: (p: { name: string; stage: string; titles: string }) => `· ${p.name}（${p.stage}）${p.titles ? ` ${p.titles}` : ''}`,
    noMembers: (p: { org: string }) => `「${p.org}」还没有人登记。`,
  },
  activity: {
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
    edited: (p: { id: number; title: string; lines: string[] }) => [`活动 #${p.id}「${p.title}」已修改：`, ...p.lines].join('\n'),
    nothingToChange: () => '请写明要修改的内容，例如：修改活动 #3 时间 下周日上午9点',
    capacityBad: () => '名额请填写正整数，例如：名额 20',
    deadlineAfterStart: () => '报名截止时间应早于活动开始时间。',
    titleMissing: () => '请写上活动标题。',
  },
  meeting: meetingTexts,
  dues: duesTexts,
  notice: noticeTexts,
  report: reportTexts,
} as const
