import { bindAll } from '../commands/command.js'
import { handlerFor } from '../scheduler/job-kind.js'
import { DuesRepository } from '../domain/dues/dues.repository.js'
import { DEFAULT_DUES_SERVICE_OPTIONS, DuesBooks } from '../domain/dues/dues-books.service.js'
import { DuesAssessmentService } from '../domain/dues/dues-assessment.service.js'
import { DuesPaymentService } from '../domain/dues/dues-payments.service.js'
import { DuesStatementService } from '../domain/dues/dues-statements.service.js'
import { DUES_MONTHLY_JOB, DuesReminderService } from '../domain/dues/dues-reminders.service.js'
import { duesCommands, type DuesNeeds } from '../../handlers/dues.js'
import type { ReportCharts } from '../charts/report-charts.js'
import type { Capability, SharedDeps } from './capability.js'

/** Party dues: the rate engine, assessments, the ledger, statements, the collection day's private reminders. */
/** `charts` draws 党费情况 图 (the report capability's chart of the same figures). */
export function createDues(shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit' | 'jobs' | 'timeZone'>, charts: ReportCharts): Capability<DuesNeeds> {
  const books = new DuesBooks(new DuesRepository(shared.db), shared.orgs, { ...DEFAULT_DUES_SERVICE_OPTIONS, timeZone: shared.timeZone })
  const duesReminders = new DuesReminderService(books, shared.audit, shared.jobs)
  const services: DuesNeeds = {
    duesAssessment: new DuesAssessmentService(books, shared.audit, duesReminders),
    duesPayments: new DuesPaymentService(books, shared.audit),
    duesStatements: new DuesStatementService(books),
    duesReminders,
    charts,
  }
  return { services, jobs: handlerFor(DUES_MONTHLY_JOB, duesReminders.monthlyJob), commands: bindAll(duesCommands, services) }
}
