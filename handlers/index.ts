import type { CommandDef } from '../src/commands/command.js'
import { activities, cancelActivity, cancelSignUp, editActivity, publish, signUp, signUpFor } from './activity.js'
import { parkedJobs } from './admin.js'
import { duesCommands } from './dues.js'
import { help } from './help.js'
import { meetingCommands } from './meeting.js'
import { noticeCommands } from './notice.js'
import { reportCommands } from './report.js'
import { appoint, authenticate, bind, dismiss, members, register } from './org.js'

/** Every command the bot understands, in the order 帮助 lists them. */
export const allCommands: CommandDef[] = [
  help,
  authenticate,
  bind,
  register,
  appoint,
  dismiss,
  members,
  publish,
  signUp,
  cancelSignUp,
  signUpFor,
  activities,
  editActivity,
  cancelActivity,
  ...meetingCommands,
  ...duesCommands,
  ...noticeCommands,
  ...reportCommands,
  parkedJobs,
]
