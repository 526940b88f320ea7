import { describe, it, expect } from 'vitest'
import { declaredCommands as allCommands } from '../capabilities/index.js'
import { scanMentions } from '../chat/mentions.js'
import type { CommandDef, CommandInfo, CommandInput } from './command.js'
import { normalizeText, parseArgs, splitCommand } from './grammar.js'
import { CommandRegistry } from './registry.js'

const command = (name: string, more: Partial<CommandDef> = {}): CommandDef => ({
  name,
  summary: `${name}的说明`,
  usage: `${name} [参数]`,
  example: name,
  where: 'any',
  access: 'anyone',
  section: 'other',
  run: async () => [],
  ...more,
})

describe('CommandRegistry', () => {
  it.each<[string, CommandDef[], RegExp]>([
    ['two commands with the same name', [command('报名'), command('报名')], /"报名".*already used/],
    ['an alias equal to another command name', [command('报名'), command('参加', { aliases: ['报名'] })], /"报名" of "参加".*"报名"/],
    ['two commands sharing an alias', [command('报名', { aliases: ['参加'] }), command('代报名', { aliases: ['参加'] })], /"参加".*already used by "报名"/],
    ['an alias equal to its own name', [command('报名', { aliases: ['报名'] })], /"报名".*already used/],
    ['a usage not starting with the name', [command('报名', { usage: '参加 [#活动编号]' })], /Usage of "报名"/],
    ['a name with a space', [command('取消 报名', { usage: '取消 报名' })], /must not contain spaces/],
    ['an alias with a space', [command('报名', { aliases: ['报 名'] })], /must not contain spaces/],
  ])('GIVEN %s THEN construction throws', (_what, commands, message) => {
    expect(() => new CommandRegistry(commands)).toThrow(message)
  })

  it('GIVEN a name and aliases THEN each word finds the same command and others find nothing', () => {
    const signUp = command('报名', { aliases: ['参加', 'join'] })
    const help = command('帮助')
    const registry = new CommandRegistry([help, signUp])
    for (const word of ['报名', '参加', 'join']) {
      expect(registry.has(word)).toBe(true)
      expect(registry.get(word)).toBe(signUp)
    }
    expect(registry.get('帮助')).toBe(help)
    expect(registry.has('取消报名')).toBe(false)
    expect(registry.get('取消报名')).toBeUndefined()
    expect(registry.list()).toEqual([help, signUp])
  })
})

describe('allCommands (the real command list)', () => {
  it('GIVEN every handler THEN the registry constructs without throwing', () => {
    expect(() => new CommandRegistry(allCommands)).not.toThrow()
    expect(new CommandRegistry(allCommands).list()).toHaveLength(allCommands.length)
  })

  /** What the dispatcher hands to `args` for the example, with every @ resolved to one member. */
  const inputFor = (def: CommandInfo, registry = new CommandRegistry<CommandInfo>(allCommands)): CommandInput => {
    const scan = scanMentions(def.example, [])
    const line = splitCommand(normalizeText(scan.text), (w) => registry.has(w))
    expect(line, `example "${def.example}" is not read as a command`).not.toBeNull()
    expect(registry.get(line!.word)).toBe(def)
    return {
      ...parseArgs(line!.rest, def.keywords),
      mentions: scan.mentions.map((m) => ({ name: m.name, contactIds: ['x'] })),
    }
  }

  it.each(allCommands.map((def) => [def.name, def] as const))('GIVEN the example of %s THEN its own args schema accepts it', (_name, def) => {
    const input = inputFor(def)
    if (!def.args) return
    const parsed = def.args.safeParse(input)
    expect(parsed.error?.issues ?? [], `example "${def.example}"`).toEqual([])
  })

  it('GIVEN an example its schema rejects THEN the check above would catch it', () => {
    const cancel = allCommands.find((c) => c.name === '取消活动')!
    const broken = { ...cancel, example: '取消活动 第三个' } // #n is required
    expect(broken.args!.safeParse(inputFor(broken, new CommandRegistry([broken]))).success).toBe(false)
  })

  it.each(allCommands.map((def) => [def.name, def] as const))('GIVEN the example of %s THEN it starts with the command name', (_name, def) => {
    expect(def.example.split(' ')[0]).toBe(def.name)
  })

  it.each([
    ['任命 @李四 组织委员', 1],
    ['代报名 @王五 #3 电话报名', 1],
    ['报名 #3 带两瓶水', 0],
  ])('GIVEN the example %j THEN %i fake mention(s) are supplied', (example, count) => {
    const def = allCommands.find((c) => c.example === example)
    expect(def).toBeDefined()
    expect(inputFor(def!).mentions).toHaveLength(count)
  })
})
