import type { CommandDef, CommandInfo } from './command.js'

/** All commands by name and alias. A duplicate is a developer mistake: it fails at start-up. */
export class CommandRegistry<C extends CommandInfo = CommandDef> {
  readonly #byWord = new Map<string, C>()
  readonly #list: C[] = []

  constructor(commands: readonly C[]) {
    for (const command of commands) {
      for (const word of [command.name, ...(command.aliases ?? [])]) {
        const taken = this.#byWord.get(word)
        if (taken) throw new Error(`Command word "${word}" of "${command.name}" is already used by "${taken.name}"`)
        if (/\s/.test(word)) throw new Error(`Command word "${word}" must not contain spaces`)
        this.#byWord.set(word, command)
      }
      if (!command.usage.startsWith(command.name)) throw new Error(`Usage of "${command.name}" must start with its name`)
      this.#list.push(command)
    }
  }

  get(word: string): C | undefined {
    return this.#byWord.get(word)
  }

  has(word: string): boolean {
    return this.#byWord.has(word)
  }

  /** The first command that reads this whole message without a command word (`matches`), if any. */
  matching(text: string): C | undefined {
    return this.#list.find((command) => command.matches?.(text))
  }

  list(): readonly C[] {
    return this.#list
  }
}
