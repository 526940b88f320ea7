import { z } from 'zod'
import { commandsOf, type CommandContext, type CommandDef, type HelpSection } from '../src/commands/command.js'
import { isOneEditAway } from '../src/commands/near-miss.js'
import type { Reply } from '../src/chat/reply.js'
import { texts } from '../src/texts/index.js'

/** The services these commands call. */
export type HelpNeeds = Record<string, never>
const command = commandsOf<HelpNeeds>('other')

/** An officer's 帮助 in a group shows at most this many lines; the full list goes privately. */
const GROUP_HELP_LINES = 12
const SECTION_ORDER: readonly HelpSection[] = ['members', 'activity', 'meeting', 'dues', 'notice', 'reports', 'other']

export const help = command({
  name: '帮助',
  aliases: ['help', '菜单'],
  summary: texts.summaries.help(),
  usage: '帮助 [命令]',
  example: '帮助 报名',
  where: 'any',
  access: 'anyone',
  worksUnbound: true,
  args: z.object({ words: z.array(z.string()).max(1) }).transform((a) => ({ topic: a.words[0]?.replace(/^[/#]/, '') })),
  run: async (ctx, { topic }) => (topic ? detail(ctx, topic) : overview(ctx)),
})

/** 帮助 <命令>: its form and an example; a near miss suggests the command meant. */
function detail(ctx: CommandContext, topic: string): string {
  const all = ctx.all()
  const command = all.find((c) => c.name === topic || c.aliases?.includes(topic))
  if (command) return texts.help.detail({ usage: command.usage, summary: command.summary, example: command.example, aliases: (command.aliases ?? []).join('、') })
  const nearest = all.find((c) => [c.name, ...(c.aliases ?? [])].some((word) => isOneEditAway(topic, word)))
  return nearest ? texts.help.unknownNear({ name: topic, nearest: nearest.name }) : texts.help.unknown({ name: topic })
}

/**
 * 帮助: exactly the commands this person may run here. An officer in a group gets the member
 * commands there (a short list the group can bear) and the full list, by section, privately.
 */
function overview(ctx: CommandContext): Reply[] {
  const available = ctx.available()
  const line = (c: CommandDef) => texts.help.line({ usage: c.usage, summary: c.summary })
  if (ctx.message.conversation.kind === 'private') {
    return [{ text: [texts.help.header(), ...grouped(available), texts.help.footer(), texts.help.privateFooter()].join('\n') }]
  }
  const forEveryone = available.filter((c) => c.access === 'member' || c.access === 'anyone')
  const unregistered = ctx.group !== null && !ctx.asker.member && !ctx.asker.isSuperAdmin
  const tail = unregistered ? [texts.help.registerFirst(), texts.help.footer()] : [texts.help.footer()]
  const fits = available.length + 1 + tail.length <= GROUP_HELP_LINES
  if (fits || forEveryone.length === available.length) return [{ text: [texts.help.header(), ...available.map(line), ...tail].join('\n') }]
  const room = GROUP_HELP_LINES - 3
  return [
    { text: [texts.help.header(), ...forEveryone.slice(0, room).map(line), texts.help.officerListSent(), texts.help.footer()].join('\n') },
    { text: [texts.help.header(), ...grouped(available), texts.help.footer()].join('\n'), privateTo: ctx.asker.contactId },
  ]
}

/** Lines under their section headings. */
function grouped(commands: readonly CommandDef[]): string[] {
  return SECTION_ORDER.flatMap((section) => {
    const inSection = commands.filter((c) => c.section === section)
    return inSection.length ? [texts.help.section({ section }), ...inSection.map((c) => texts.help.line({ usage: c.usage, summary: c.summary }))] : []
  })
}

export const helpCommands = [help]
