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
