import type { FastifyInstance } from 'fastify'
import { bindAll } from '../commands/command.js'
import type { Clock } from '../clock.js'
import { consoleDeps, consoleLink, createConsole, type ConsoleSettings } from '../console/console.js'
import type { Db } from '../db/client.js'
import type { ReportExport } from '../domain/report/report-export.service.js'
import type { ReportFigures } from '../domain/report/report-figures.service.js'
import { consoleCommands } from '../../handlers/console.js'
import type { Capability } from './capability.js'

/**
 * The officers' web console: `后台` sends a one-time link; the pages (a Fastify app) show the
 * organisations the person leads and those below, with the rights they have in chat.
 */
export function createConsoleCapability(input: {
  db: Db
  report: ReportFigures
  reportExport: ReportExport
  clock: Clock
  timeZone: string
  settings: ConsoleSettings
}): Capability<Record<string, never>> & { app(): Promise<FastifyInstance> } {
  const deps = consoleDeps({ db: input.db, services: { report: input.report, reportExport: input.reportExport }, clock: input.clock, timeZone: input.timeZone, settings: input.settings })
  const console = {
    linkFor: async (contactId: string, now: Date) => consoleLink(input.settings, await deps.auth.issueLink(contactId, now)),
  }
  return { services: {}, jobs: {}, commands: bindAll(consoleCommands, { console }), app: () => createConsole(deps) }
}
