/**
 * What the bot says when a command for an organisation is sent privately and it must work out
 * which organisation and which member are meant (part of the catalogue in src/texts/).
 */
export const scopeTexts = {
  whichOrg: (p: { orgs: string[] }) => `你在 ${p.orgs.length} 个组织可以使用此命令：${p.orgs.join('、')}。请在命令末尾加上「组织 <名>」，例如：组织 ${p.orgs[0]}`,
  orgNeeded: () => '私信使用此命令时，请在命令末尾加上「组织 <名>」。',
  /** What a refusal says is needed: offices held here or above (属地管理). */
  orgUnknown: (p: { name: string }) => `没有名为「${p.name}」的组织。`,
  nameNeeded: (p: { usage: string }) => `私信里请写上成员的名字（群里 @ 他）。格式：${p.usage}`,
  nameUnknown: (p: { name: string; org: string }) => `「${p.org}」没有名叫「${p.name}」的已登记成员。`,
  nameShared: (p: { name: string; choices: string[] }) =>
    `有 ${p.choices.length} 位成员叫「${p.name}」：${p.choices.join('；')}。请把名字写成 ${p.name}1、${p.name}2 …… 重发。`,
  noGroup: (p: { org: string }) => `「${p.org}」还没有绑定微信群，无法发到群里。请先在该组织的群里发送「绑定 ${p.org}」。`,
  postedToGroup: (p: { org: string; first: string }) => `已发到「${p.org}」群：${p.first}`,
  nameChoice: (p: { label: string; stage: string; category: string }) => `${p.label}（${p.stage}，${p.category}）`,
} as const
