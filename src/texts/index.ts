import { accountsTexts } from './accounts.texts.js'
import { activityTexts } from './activity.texts.js'
import { adminTexts } from './admin.texts.js'
import { authThrottleTexts } from './auth-throttle.texts.js'
import { commonTexts } from './common.texts.js'
import { consoleTexts } from './console.texts.js'
import { developmentTexts } from './development.texts.js'
import { duesTexts } from './dues.texts.js'
import { helpTexts } from './help.texts.js'
import { meetingTexts } from './meeting.texts.js'
import { noticeTexts } from './notice.texts.js'
import { orgTexts } from './org.texts.js'
import { reportTexts } from './report.texts.js'
import { rosterTexts } from './roster.texts.js'
import { simulatorTexts } from './simulator.texts.js'
import { studyTexts } from './study.texts.js'
import { unitsTexts } from './units.texts.js'
import { summaryTexts } from './summaries.texts.js'
import { transferTexts } from './transfer.texts.js'
import { scopeTexts } from './scope.texts.js'
import { vocabularyTexts } from './vocabulary.texts.js'

/**
 * Every sentence the bot says, keyed by capability. This folder is a floor of its own: handlers,
 * services and the dispatcher import it; it imports nothing of theirs. Replies that users and tests
 * rely on keep their key words: 报名成功, 候补, 已取消, 签到成功, 已请假, 无权, 格式.
 */
export const texts = {
  common: commonTexts,
  help: helpTexts,
  admin: adminTexts,
  org: orgTexts,
  auth: authThrottleTexts,
  activity: activityTexts,
  meeting: meetingTexts,
  study: studyTexts,
  dues: duesTexts,
  notice: noticeTexts,
  report: reportTexts,
  scope: scopeTexts,
  vocabulary: vocabularyTexts,
  simulator: simulatorTexts,
  console: consoleTexts,
  summaries: summaryTexts,
  roster: rosterTexts,
  development: developmentTexts,
  units: unitsTexts,
  accounts: accountsTexts,
  transfer: transferTexts,
} as const

type Catalogue = typeof texts

/** A sentence's key, `capability.name`, e.g. `activity.notFound`. */
export type TextKey = {
  [M in keyof Catalogue & string]: `${M}.${keyof Catalogue[M] & string}`
}[keyof Catalogue & string]

type SentenceOf<K extends TextKey> = K extends `${infer M extends keyof Catalogue}.${infer N}`
  ? N extends keyof Catalogue[M]
    ? Catalogue[M][N]
    : never
  : never

/** What a sentence needs: nothing, or one object of parameters. */
export type TextParams<K extends TextKey> = SentenceOf<K> extends (...args: infer P) => string ? P : never

/** Renders a sentence by key. */
export function renderText<K extends TextKey>(key: K, ...params: TextParams<K>): string {
  const [module, name] = key.split('.') as [keyof Catalogue, string]
  const sentence = (texts[module] as Record<string, (...args: unknown[]) => string>)[name]
  if (!sentence || !Object.hasOwn(texts[module], name)) throw new Error(`No sentence ${key}`)
  return sentence(...params)
}
