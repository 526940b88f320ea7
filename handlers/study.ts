import { z } from 'zod'
import { texts } from '../src/texts/index.js'
import { COMMITTEE_TITLES } from '../src/domain/org/rights.js'
import { commandsOf } from '../src/commands/command.js'
import { UserError } from '../src/texts/user-error.js'
import { readStudyEntry, STUDY_DEFAULTS } from '../src/domain/study/study-rules.js'
import type { StudyService } from '../src/domain/study/study.service.js'

/** The services these commands call. */
export type StudyNeeds = { study: StudyService }
const command = commandsOf<StudyNeeds>('meeting')

export const logStudy = command({
  name: '学习打卡',
  summary: texts.summaries.logStudy({ maxHours: STUDY_DEFAULTS.maxMinutes / 60 }),
  usage: '学习打卡 <内容> [<n>小时|<n>分钟]',
  example: '学习打卡 学习党章第一章 2小时',
  where: 'any',
  access: 'anyone',
  args: z
    .object({ text: z.string().trim().min(1).max(200) })
    .transform((a) => readStudyEntry(a.text))
    .refine((e) => e.content.length > 0 && e.content.length <= 100 && e.minutes >= 1),
  run: (ctx, { content, minutes }, services) => {
    // In a group the entry is the member's there; in a private chat, the person's (hours are theirs, not one organisation's).
    if (ctx.group && !ctx.asker.member) throw new UserError('common.notRegistered')
    return services.study.log({ member: ctx.group ? ctx.asker.member : null, contactId: ctx.asker.contactId, content, minutes, now: ctx.now })
  },
})

export const studyHours = command({
  name: '学时',
  summary: texts.summaries.studyHours(),
  usage: '学时',
  example: '学时',
  where: 'any',
  access: 'anyone',
  args: z.object({ words: z.tuple([]) }),
  run: (ctx, _args, services) =>
    services.study.hours({
      contactId: ctx.asker.contactId,
      // 党员教育管理工作条例 art. 20: secretaries and committee members study 56 hours; anyone holding an office counts.
      // 56 学时 for secretaries and committee members (党员教育管理工作条例 第二十条); a 党小组长 is not on the committee.
      isOfficer: ctx.asker.roles.some((role) => (COMMITTEE_TITLES as readonly string[]).includes(role.title)),
      inGroup: ctx.message.conversation.kind === 'group',
      now: ctx.now,
    }),
})

export const studyCommands = [logStudy, studyHours]
