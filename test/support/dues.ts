import type { Group, Person } from './conversation.js'

/**
 * What the group hears after a dues command that carried an amount: the reply (no amount) and
 * the reminder to use the private form next time.
 */
const hint = (form: string) => `提示：群里的人都能看到你输入的金额。下次请私信我：${form}`

export const groupHears = {
  assessed: (name: string) => `已为 ${name} 核定党费，详情已私信\n${hint(`核定党费 ${name} 收入 <月收入>`)}`,
  recorded: (name: string, months: string) => `已记录 ${name} ${months}党费，详情已私信\n${hint(`收党费 ${name} <金额> [月份]`)}`,
  reported: (name: string, months: string) => `已记录 ${name} ${months}党费（待确认），详情已私信\n${hint('交党费 <金额> [月份]')}`,
}

/**
 * `who` types `text` in `group`: what the group sees (also added to `heard`, for a check that no
 * amount ever reached it), and what each person gets privately.
 */
export async function sayIn(group: Group, heard: string[], who: Person, text: string): Promise<{ group: string[]; dm: (p: Person) => string[] }> {
  const replies = await group.replies(who, text)
  const inGroup = replies.filter((r) => !r.privateTo).map((r) => r.text)
  heard.push(...inGroup)
  return { group: inGroup, dm: (p: Person) => replies.filter((r) => r.privateTo === p.contactId).map((r) => r.text) }
}
