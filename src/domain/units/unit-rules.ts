/**
 * Units in a committee's territory (属地管理) and how Party organisations cover them. Pure rules.
 *
 * 《中国共产党章程》第三十条、《中国共产党支部工作条例（试行）》第五条: a unit with 3 or more full
 * members should set up its own branch; with fewer, its members join with those of nearby units in a
 * joint branch (联合党支部). A joint branch covers at most 5 units: common local practice for "two
 * new" organisations (e.g. 各地《非公有制企业党建工作规范》), configurable.
 */
export const UNIT_TYPES = ['企业', '社会组织', '商务楼宇', '专业市场'] as const
export type UnitType = (typeof UNIT_TYPES)[number]

/** The words people use for each type of unit. */
const TYPE_WORDS: ReadonlyMap<string, UnitType> = new Map([
  ['企业', '企业'], ['公司', '企业'], ['非公企业', '企业'], ['民营企业', '企业'], ['私营企业', '企业'], ['外资企业', '企业'],
  ['社会组织', '社会组织'], ['社团', '社会组织'], ['民办非企业', '社会组织'], ['民非', '社会组织'], ['基金会', '社会组织'], ['协会', '社会组织'],
  ['商务楼宇', '商务楼宇'], ['楼宇', '商务楼宇'], ['写字楼', '商务楼宇'],
  ['专业市场', '专业市场'], ['市场', '专业市场'],
])
export const ACCEPTED_TYPE_WORDS: readonly string[] = [...TYPE_WORDS.keys()]

export function readUnitType(word: string): UnitType | null {
  return TYPE_WORDS.get(word.trim().replace(/\s+/g, '')) ?? null
}

/** 章程第三十条、支部工作条例第五条: 正式党员 3 人以上应当成立党支部. */
export const OWN_BRANCH_MIN_FULL_MEMBERS = 3
/** A joint branch covers at most this many units (common practice, configurable). */
export const DEFAULT_JOINT_BRANCH_MAX_UNITS = 5
/** The organisation type of a joint branch. */
export const JOINT_BRANCH_TYPE = '联合党支部'

export type CoverCheck = { ok: true } | { ok: false; reason: 'jointFull'; max: number; covered: number }

/** Whether an organisation of `orgType` covering `alreadyCovered` units may cover `adding` more. */
export function checkCover(orgType: string, alreadyCovered: number, adding: number, jointMax = DEFAULT_JOINT_BRANCH_MAX_UNITS): CoverCheck {
  if (orgType === JOINT_BRANCH_TYPE && alreadyCovered + adding > jointMax) return { ok: false, reason: 'jointFull', max: jointMax, covered: alreadyCovered }
  return { ok: true }
}

/** Where a unit stands: covered by its own organisation or a joint branch, members without one, or no members. */
export type UnitStanding = 'own' | 'joint' | 'needsOwn' | 'needsJoint' | 'noMembers'

export interface UnitPicture {
  name: string
  building: string | null
  /** The type of the organisation covering it; null when none does. */
  coveredByType: string | null
  coveredBy: string | null
  members: number
  fullMembers: number
}

export function unitStanding(unit: UnitPicture): UnitStanding {
  if (unit.coveredByType !== null) return unit.coveredByType === JOINT_BRANCH_TYPE ? 'joint' : 'own'
  if (unit.members === 0) return 'noMembers'
  return unit.fullMembers >= OWN_BRANCH_MIN_FULL_MEMBERS ? 'needsOwn' : 'needsJoint'
}

/**
 * 《中国共产党支部工作条例（试行）》第六条: 正式党员 3 人以上的单位应当单独成立党支部. A unit a joint
 * branch covers that now has 3 or more full members of its own should be split off into its own branch.
 */
export function shouldSplit(unit: Pick<UnitPicture, 'coveredByType' | 'fullMembers'>): boolean {
  return unit.coveredByType === JOINT_BRANCH_TYPE && unit.fullMembers >= OWN_BRANCH_MIN_FULL_MEMBERS
}

/**
 * For a unit whose 1–2 members have no organisation: who in the same building it could join with —
 * the joint branches already covering a unit there (with room left), and the other units there
 * that have members but no organisation. Empty without a building.
 */
export function jointCandidates(
  unit: UnitPicture,
  all: readonly UnitPicture[],
  coveredCount: ReadonlyMap<string, number>,
  jointMax = DEFAULT_JOINT_BRANCH_MAX_UNITS,
): { branches: string[]; units: string[] } {
  if (!unit.building) return { branches: [], units: [] }
  const neighbours = all.filter((u) => u.building === unit.building && u.name !== unit.name)
  const branches = [
    ...new Set(neighbours.filter((u) => u.coveredByType === JOINT_BRANCH_TYPE && u.coveredBy !== null && (coveredCount.get(u.coveredBy) ?? 0) < jointMax).map((u) => u.coveredBy ?? '')),
  ]
  const units = neighbours.filter((u) => unitStanding(u) === 'needsJoint').map((u) => u.name)
  return { branches, units }
}

/** A unit row read from a sheet or typed. */
export interface UnitRow {
  name: string
  type: UnitType
  building: string | null
  staff: number | null
}

export const UNIT_FIELDS = ['name', 'type', 'building', 'staff'] as const
export type UnitField = (typeof UNIT_FIELDS)[number]

/** Header words of the unit lists upper levels keep (单位名单, 两新组织台账); the first is the template's. */
export const UNIT_HEADER_WORDS: Record<UnitField, readonly string[]> = {
  name: ['单位名称', '单位', '名称', '企业名称', '组织名称', '单位全称'],
  type: ['类型', '单位类型', '类别', '单位类别', '组织类型'],
  building: ['所在楼宇', '楼宇', '楼宇名称', '所在楼宇名称', '所属楼宇'],
  staff: ['职工人数', '职工', '职工数', '员工人数', '从业人员', '从业人数', '人数'],
}

function headerKey(text: string): string {
  return text.replace(/[（(【[][^）)】\]]*[）)】\]]/g, '').replace(/[\s:：*]/g, '')
}

/** Which field each column holds (by index), loosely matched; other columns are ignored. */
export function matchUnitHeaders(cells: readonly string[]): Map<number, UnitField> {
  const found = new Map<number, UnitField>()
  const taken = new Set<UnitField>()
  cells.forEach((cell, index) => {
    const key = headerKey(cell)
    if (!key) return
    const field = UNIT_FIELDS.find((f) => !taken.has(f) && UNIT_HEADER_WORDS[f].some((w) => headerKey(w) === key))
    if (field) {
      found.set(index, field)
      taken.add(field)
    }
  })
  return found
}

export const MAX_UNIT_NAME = 40

export type UnitProblem =
  | { kind: 'missingName' }
  | { kind: 'longName' }
  | { kind: 'badType'; text: string }
  | { kind: 'badStaff'; text: string }
  | { kind: 'repeated'; firstLine: number }

/** One sheet row as a unit, or the problem with it. Staff: a whole number, 0 or more. */
export function readUnitRow(cells: Partial<Record<UnitField, string | number | null>>): { ok: true; row: UnitRow } | { ok: false; problem: UnitProblem } {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v).trim())
  const name = text(cells.name).replace(/\s+/g, '')
  if (!name) return { ok: false, problem: { kind: 'missingName' } }
  if (name.length > MAX_UNIT_NAME) return { ok: false, problem: { kind: 'longName' } }
  const type = readUnitType(text(cells.type))
  if (!type) return { ok: false, problem: { kind: 'badType', text: text(cells.type).slice(0, 20) } }
  const staffText = text(cells.staff).replace(/人$/, '')
  const staff = staffText === '' ? null : /^\d{1,7}$/.test(staffText) ? Number(staffText) : NaN
  if (Number.isNaN(staff)) return { ok: false, problem: { kind: 'badStaff', text: staffText.slice(0, 20) } }
  const building = text(cells.building).replace(/\s+/g, '').slice(0, MAX_UNIT_NAME) || null
  return { ok: true, row: { name, type, building, staff } }
}

/** A row against the units already registered: new, an update (some field given differs), or unchanged. */
export function classifyUnitRow(row: UnitRow, existing: readonly UnitRow[]): 'new' | 'updated' | 'unchanged' {
  const unit = existing.find((u) => u.name === row.name)
  if (!unit) return 'new'
  const differs = unit.type !== row.type || (row.building !== null && row.building !== unit.building) || (row.staff !== null && row.staff !== unit.staff)
  return differs ? 'updated' : 'unchanged'
}

/**
 * Who keeps a territory's units: the street or district committee (街道党工委/党委, 区综合经济党工委),
 * the level territorial management (属地管理) puts in charge of the "two new" organisations there.
 */
export const TERRITORY_ORG_TYPES: readonly string[] = ['党工委', '党委']

export function keepsTerritory(orgType: string): boolean {
  return TERRITORY_ORG_TYPES.includes(orgType)
}

/** Company-form endings people add or leave off when they name where they work (星辰科技 = 星辰科技有限公司). */
const UNIT_NAME_ENDINGS = ['股份有限公司', '有限责任公司', '有限公司', '公司']

/** The key two names of one unit share: no spaces, no company-form ending (a name is never cut to nothing). */
export function unitKey(name: string): string {
  const key = name.replace(/\s+/g, '')
  const ending = UNIT_NAME_ENDINGS.find((e) => key.endsWith(e) && key.length > e.length + 1)
  return ending ? key.slice(0, -ending.length) : key
}
