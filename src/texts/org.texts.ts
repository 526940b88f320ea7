/** Organisations and people: 认证, 绑定, 登记, 任命/免去, 成员. */
export const orgTexts = {
  authOk: () => '认证成功，你已是超级管理员。可在群里发送「绑定 <组织名>」把群绑定到组织。',
  authAlready: () => '你已经是超级管理员。',
  authBad: () => '令牌不正确。',
  authDisabled: () => '未配置管理员令牌（ZHIBU_ADMIN_TOKEN），无法认证。',
  bound: (p: { name: string; type: string; parent: string | null; created: boolean }) =>
    `本群已绑定到「${p.name}」（${p.type}${p.parent ? `，上级：${p.parent}` : ''}）${p.created ? '，组织已新建' : ''}。\n成员请发送：登记 <姓名> [正式党员|预备党员]`,
  alreadyBound: (p: { name: string }) => `本群已绑定到「${p.name}」，不能重复绑定。`,
  orgBoundElsewhere: (p: { name: string }) => `组织「${p.name}」已绑定了另一个群。`,
  parentMissing: (p: { name: string }) => `找不到上级组织「${p.name}」。请先在上级的群里绑定它。`,
  noParent: () => '（无）',
  parentMismatch: (p: { name: string; parent: string }) => `组织「${p.name}」已存在，上级是「${p.parent}」，与填写的不一致。`,
  bindNoRight: () => '无权绑定：需要超级管理员，或上级组织的书记、副书记、组织委员。',
  registered: (p: { name: string; org: string; stage: string; category: string }) =>
    `${p.name} 已登记到「${p.org}」：${p.stage}，${p.category}。`,
  reRegistered: (p: { name: string; stage: string; category: string }) => `已更新 ${p.name} 的登记信息：${p.stage}，${p.category}。`,
  appointed: (p: { name: string; title: string; org: string }) => `已任命 ${p.name} 为「${p.org}」${p.title}。`,
  alreadyHolds: (p: { name: string; title: string }) => `${p.name} 已经是${p.title}。`,
  dismissed: (p: { name: string; title: string }) => `已免去 ${p.name} 的${p.title}职务。`,
  notHolding: (p: { name: string; title: string }) => `${p.name} 并未担任${p.title}。`,
  membersHeader: (p: { org: string; count: number }) => `「${p.org}」已登记 ${p.count} 人：`,
  memberLine: (p: { name: string; stage: string; titles: string }) => `· ${p.name}（${p.stage}）${p.titles ? ` ${p.titles}` : ''}`,
  noMembers: (p: { org: string }) => `「${p.org}」还没有人登记。`,
}
