import type { CommandDef } from '../src/commands/command.js'

export const meetingCommands: CommandDef[] = []
