import { z } from 'zod'
import { commandsOf } from '../src/commands/command.js'
import { OFFICERS } from '../src/domain/org/rights.js'
import type { CoverageService } from '../src/domain/units/coverage.service.js'
import { ACCEPTED_TYPE_WORDS, MAX_UNIT_NAME, readUnitType, UNIT_TYPES } from '../src/domain/units/unit-rules.js'
import type { UnitService } from '../src/domain/units/unit.service.js'
import { texts } from '../src/texts/index.js'

/** The services these commands call. */
export type UnitNeeds = { units: UnitService; coverage: CoverageService }
const command = commandsOf<UnitNeeds>('members')

const unitName = z.string().min(1).max(MAX_UNIT_NAME).regex(/^[^#@\s]+$/)

export const registerUnit = command({
  name: '单位',
  summary: texts.summaries.registerUnit(),
  usage: `单位 登记 <名称> 类型 <${UNIT_TYPES.join('|')}> [楼宇 <名称>] [职工 <人数>]`,
  example: '单位 登记 星辰科技有限公司 类型 企业 楼宇 金融大厦 职工 120',
  // A street or district committee's officers, in its group or privately.
  where: 'org',
  access: OFFICERS,
  keywords: ['类型', '楼宇', '职工'],
  args: z
    .object({
      words: z.tuple([z.literal('登记'), z.string()]),
      keys: z.object({ 类型: z.string().optional(), 楼宇: z.string().optional(), 职工: z.string().optional() }),
    })
    .transform(({ words: [, name], keys }, ctx) => {
      const type = keys.类型 ? readUnitType(keys.类型) : null
      const staffText = keys.职工?.replace(/人$/, '')
      const staff = staffText === undefined ? null : /^\d{1,7}$/.test(staffText) ? Number(staffText) : NaN
      if (!unitName.safeParse(name).success) ctx.addIssue({ code: 'custom', message: texts.units.longName({ max: MAX_UNIT_NAME }) })
      else if (!keys.类型) ctx.addIssue({ code: 'custom', message: texts.units.missingType() })
      else if (!type) ctx.addIssue({ code: 'custom', message: texts.units.badType({ word: keys.类型.slice(0, 10), accepted: ACCEPTED_TYPE_WORDS }) })
      else if (Number.isNaN(staff)) ctx.addIssue({ code: 'custom', message: texts.units.badStaff({ text: (keys.职工 ?? '').slice(0, 10) }) })
      const building = keys.楼宇?.replace(/\s+/g, '').slice(0, MAX_UNIT_NAME) || null
      return { name, type: type ?? UNIT_TYPES[0], building, staff: Number.isNaN(staff) ? null : staff }
    }),
  run: (ctx, row, services) => services.units.register({ org: ctx.group.org, row, byContactId: ctx.asker.contactId, now: ctx.now }),
})

export const importUnits = command({
  name: '导入单位',
  // Sending the file privately is the command (导入名册 reads which kind of sheet it is): typed, it answers how.
  summary: texts.summaries.importUnits(),
  usage: '导入单位',
  example: '导入单位',
  where: 'org',
  access: OFFICERS,
  run: () => texts.units.typedImport(),
})

export const coverUnits = command({
  name: '覆盖单位',
  summary: texts.summaries.coverUnits(),
  usage: '覆盖单位 [<单位名称>…]',
  example: '覆盖单位 星辰科技有限公司 云帆咨询有限公司',
  where: 'org',
  access: OFFICERS,
  args: z.object({ words: z.array(unitName).max(10) }),
  run: (ctx, { words }, services) => services.units.cover({ org: ctx.group.org, names: words, byContactId: ctx.asker.contactId, now: ctx.now }),
})

export const coverage = command({
  name: '覆盖',
  summary: texts.summaries.coverage(),
  usage: '覆盖',
  example: '覆盖',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  run: (ctx, _args, services) =>
    services.coverage.report({ org: ctx.group.org, askerContactId: ctx.asker.contactId, inGroup: ctx.message.conversation.kind === 'group' }),
})

export const unitCommands = [registerUnit, importUnits, coverUnits, coverage]
