/**
 * Everyday words for who a member is and which meeting is meant. Members register as `登记 张三 党员
 * 退休`, not `正式党员 离退休`; a secretary schedules a `支部大会`, not a `党员大会`. Each table maps
 * what people say to the one canonical value the rules and reports use. Lookups go through Map, so
 * a word like "constructor" typed by a user never reaches Object.prototype.
 */
import { MEETING_TYPES, type MeetingType } from '../meeting/meeting-rules.js'
import { MEMBER_CATEGORIES, MEMBER_STAGES, type MemberCategory, type MemberStage } from './rights.js'

/** 党章 art. 5–7: a member is 正式 after the probation year; 发展对象 and 积极分子 are earlier steps. */
const STAGE_WORDS: ReadonlyMap<string, MemberStage> = withCanonical(MEMBER_STAGES, [
  ['党员', '正式党员'], ['正式', '正式党员'], ['中共党员', '正式党员'], ['共产党员', '正式党员'],
  ['预备', '预备党员'], ['预备期', '预备党员'],
  ['发展', '发展对象'],
  ['积极分子', '入党积极分子'], ['积极份子', '入党积极分子'], ['入党积极份子', '入党积极分子'],
])

/** Dues categories (中组发〔2008〕3号) as members describe their situation. */
const CATEGORY_WORDS: ReadonlyMap<string, MemberCategory> = withCanonical(MEMBER_CATEGORIES, [
  ['上班', '在职'], ['职工', '在职'], ['在岗', '在职'], ['工作', '在职'], ['上班族', '在职'], ['员工', '在职'],
  ['退休', '离退休'], ['离休', '离退休'], ['退休人员', '离退休'], ['退休干部', '离退休'],
  ['在校', '学生'], ['在读', '学生'], ['大学生', '学生'], ['研究生', '学生'],
  ['务农', '农民'],
  ['个体户', '个体'], ['个体经营', '个体'], ['自由职业', '个体'], ['自由职业者', '个体'], ['灵活就业', '个体'],
  ['下岗', '失业'], ['待业', '失业'], ['无业', '失业'], ['下岗失业', '失业'],
])

/**
 * 支部工作条例 ch. 4–5 names the meetings a branch holds. 民主生活会 is deliberately absent: it is
 * held by leading bodies (县级以上党委常委会 and 领导班子), not by branches, whose equivalent is 组织生活会.
 */
const MEETING_WORDS: ReadonlyMap<string, MeetingType> = withCanonical(MEETING_TYPES, [
  ['支部大会', '党员大会'], ['支部党员大会', '党员大会'], ['全体党员大会', '党员大会'], ['党员会', '党员大会'],
  ['支委会议', '支委会'], ['支部委员会', '支委会'], ['支部委员会会议', '支委会'], ['支委扩大会', '支委会'],
  ['小组会', '党小组会'], ['党小组会议', '党小组会'], ['小组会议', '党小组会'],
  ['上党课', '党课'], ['微党课', '党课'], ['专题党课', '党课'],
  ['党日', '主题党日'], ['党日活动', '主题党日'], ['主题党日活动', '主题党日'],
  ['组织生活', '组织生活会'], ['组织生活会议', '组织生活会'],
])

/** Meetings of leading bodies, not branches: the reply explains instead of listing the accepted words. */
export const LEADING_BODY_MEETINGS: ReadonlySet<string> = new Set(['民主生活会', '专题民主生活会'])

/** The words accepted for each value, canonical first, for replies that list them. */
export const ACCEPTED_STAGE_WORDS: readonly string[] = [...STAGE_WORDS.keys()]
export const ACCEPTED_CATEGORY_WORDS: readonly string[] = [...CATEGORY_WORDS.keys()]
export const ACCEPTED_MEETING_WORDS: readonly string[] = [...MEETING_WORDS.keys()]

export function readMemberStage(word: string): MemberStage | null {
  return STAGE_WORDS.get(clean(word)) ?? null
}

export function readMemberCategory(word: string): MemberCategory | null {
  return CATEGORY_WORDS.get(clean(word)) ?? null
}

export function readMeetingType(word: string): MeetingType | null {
  return MEETING_WORDS.get(clean(word)) ?? null
}

export interface RegistrationWords {
  /** null when no stage word was given (the caller applies its default). */
  stage: MemberStage | null
  category: MemberCategory | null
  /** Words that are neither, as typed, to be named in the reply. */
  unknownWords: string[]
  /** Words naming a second, different stage or category (党员 预备): the reply asks which. */
  conflictingWords: string[]
}

/**
 * Reads the words after the name of `登记 <姓名> …` in any order: `退休 党员`, `预备 学生`,
 * `退休党员` (a category written together with 党员 is that category; the stage stays unsaid, so
 * `预备 学生党员` is a 预备党员 student and the caller's default applies when no stage is given).
 */
export function readRegistrationWords(words: readonly string[]): RegistrationWords {
  const result: RegistrationWords = { stage: null, category: null, unknownWords: [], conflictingWords: [] }
  const take = <K extends 'stage' | 'category'>(key: K, value: RegistrationWords[K], word: string) => {
    if (result[key] !== null && result[key] !== value) result.conflictingWords.push(word)
    else result[key] = value
  }
  for (const word of words) {
    const stage = readMemberStage(word)
    const category = readMemberCategory(word)
    const compound = /^(.+)党员$/.exec(clean(word))
    const compoundCategory = !stage && !category && compound ? readMemberCategory(compound[1]!) : null
    if (stage) take('stage', stage, word)
    else if (category) take('category', category, word)
    else if (compoundCategory) take('category', compoundCategory, word)
    else result.unknownWords.push(word)
  }
  return result
}

function withCanonical<T extends string>(canonical: readonly T[], synonyms: ReadonlyArray<readonly [string, T]>): Map<string, T> {
  return new Map<string, T>([...canonical.map((value) => [value, value] as const), ...synonyms])
}

/** Full-width letters and stray spaces from phone keyboards; punctuation around a word is not part of it. */
function clean(word: string): string {
  return word.normalize('NFKC').trim().replace(/^[,，、。.!！]+|[,，、。.!！]+$/g, '')
}
