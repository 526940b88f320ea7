import { z } from 'zod'
import { commandsOf } from '../src/commands/command.js'
import { texts } from '../src/texts/index.js'

/** The services these commands call. */
export type HelpNeeds = Record<string, never>
const command = commandsOf<HelpNeeds>()

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
  run: async (ctx, { topic }) => {
    if (topic) {
      const command = ctx.all().find((c) => c.name === topic || c.aliases?.includes(topic))
      if (!command) return texts.help.unknown({ name: topic })
      return texts.help.detail({ usage: command.usage, summary: command.summary, example: command.example, aliases: (command.aliases ?? []).join('、') })
    }
    const lines = ctx.available().map((c) => texts.help.line({ usage: c.usage, summary: c.summary }))
    const footer = ctx.message.conversation.kind === 'private' ? [texts.help.footer(), texts.help.privateFooter()] : [texts.help.footer()]
    return [texts.help.header(), ...lines, ...footer].join('\n')
  },
})

export const helpCommands = [help]
