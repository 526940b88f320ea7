/**
 * Who may do what. Pure rules: a role held in an organisation reaches every organisation below
 * it (属地管理), so a street committee's 书记 acts in all its branches and a branch 书记 only in hers.
 */

/** Offices in an organisation (中国共产党支部工作条例 第十八条; 党小组长 leads a 党小组). */
export const OFFICER_TITLES = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长'] as const
export type OfficerTitle = (typeof OFFICER_TITLES)[number]

/**
 * The branch committee (中国共产党支部工作条例（试行）第十八条: 书记、副书记、委员). Branch-wide officer
 * rights ("委员及以上") belong to them. A 党小组长 leads a 党小组 and is not on the committee: they
 * have member rights, and no branch-wide officer right (cancelling activities, all dues).
 */
export const COMMITTEE_TITLES: readonly OfficerTitle[] = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员']

/** Titles that may appoint and dismiss officers. */
export const SECRETARY_TITLES: readonly OfficerTitle[] = ['书记', '副书记']

/** Titles that may bind a new organisation below their own. */
export const BINDER_TITLES: readonly OfficerTitle[] = ['书记', '副书记', '组织委员']

export const MEMBER_STAGES = ['正式党员', '预备党员', '发展对象', '入党积极分子'] as const
export type MemberStage = (typeof MEMBER_STAGES)[number]

/** Dues categories (中组发〔2008〕3号); the first is the default. */
export const MEMBER_CATEGORIES = ['在职', '离退休', '学生', '农民', '个体', '失业'] as const
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number]

export const ORG_TYPES = ['党工委', '党委', '党总支', '党支部', '联合党支部', '党小组'] as const
export const DEFAULT_ORG_TYPE = '党支部'

export function isOfficerTitle(word: string): word is OfficerTitle {
  return (OFFICER_TITLES as readonly string[]).includes(word)
}

export interface HeldRole {
  orgId: number
  title: string
}

/** Whether any of `roles` is one of `titles` held in `chain[0]` or one of its ancestors. */
export function holdsOver(roles: readonly HeldRole[], chain: readonly number[], titles: readonly string[] = OFFICER_TITLES): boolean {
  return roles.some((role) => chain.includes(role.orgId) && titles.includes(role.title))
}

/** Titles that keep the dues ledger: the 组织委员 collects (中组发〔2008〕3号), the 书记 and 副书记 oversee. */
export const DUES_OFFICER_TITLES: readonly OfficerTitle[] = ['书记', '副书记', '组织委员']

/** A set of offices a command may require, with the words a refusal names. */
export interface TitleRights {
  readonly titles: readonly OfficerTitle[]
  /** Names what a refusal says is needed (common.rightsLabel in the catalogue). */
  readonly label: 'officers' | 'secretaries' | 'duesOfficers' | 'binders'
  /**
   * Held in any organisation, not necessarily this one or above: for commands whose organisation
   * comes from their arguments (绑定 … 上级 <名>, checked again against that organisation) or that
   * show what the person leads (后台).
   */
  readonly anywhere?: true
  /** Held strictly above the organisation (its upper committees move it, not its own officers). */
  readonly above?: true
  /** A refusal of its own instead of the generic one (绑定 names the parent's officers). */
  readonly refusal?: 'org.bindNoRight' | 'org.moveNoRight'
}

/** The rights commands declare. "委员及以上": the committee, not the 党小组长. */
export const OFFICERS: TitleRights = { titles: COMMITTEE_TITLES, label: 'officers' }
export const SECRETARIES: TitleRights = { titles: SECRETARY_TITLES, label: 'secretaries' }
export const DUES_OFFICERS: TitleRights = { titles: DUES_OFFICER_TITLES, label: 'duesOfficers' }
/** Officers of some organisation (后台 shows the ones they lead). */
export const OFFICERS_ANYWHERE: TitleRights = { titles: COMMITTEE_TITLES, label: 'officers', anywhere: true }
/** Those who may bind an organisation below their own (绑定); the parent named is checked by the service. */
/** Those who may move an organisation to another parent (调整上级): binders of an organisation above it. */
export const MOVERS: TitleRights = { titles: BINDER_TITLES, label: 'binders', above: true, refusal: 'org.moveNoRight' }
export const BINDERS: TitleRights = { titles: BINDER_TITLES, label: 'binders', anywhere: true, refusal: 'org.bindNoRight' }
