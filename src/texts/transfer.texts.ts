/** What the bot says about transfers (组织关系转接) and flowing members (流动党员) (part of the catalogue in src/texts/). */
type Names = { name: string; org: string; to: string }

export const transferTexts = {
  // 转出 / 接收
  leftTree: (p: { name: string; from: string; to: string }) =>
    `已转出：${p.name} 的组织关系转往「${p.to}」（不在本系统中），即日起不再是「${p.from}」的党员。TA 的学时、考勤和党费记录都保留。`,
  moved: (p: { name: string; from: string; to: string }) =>
    `已完成转接：${p.name} 的组织关系由「${p.from}」转入「${p.to}」。TA 的学时、党费记录（交至哪个月）和以往考勤都随本人保留；以往的考勤仍算在「${p.from}」。`,
  pending: (p: { id: number; name: string; from: string; to: string }) =>
    `已登记转出（转接 #${p.id}）：${p.name} 由「${p.from}」转往「${p.to}」，等「${p.to}」的委员发送「接收 ${p.name}」后完成。已私信通知对方书记；30 天未接收会提醒双方。`,
  toDestination: (p: { id: number; name: string; from: string; to: string }) =>
    `【组织关系转接】「${p.from}」将 ${p.name} 的组织关系转往「${p.to}」（转接 #${p.id}）。核对介绍信后，请在「${p.to}」群里发送：接收 ${p.name}`,
  reminder: (p: { id: number; name: string; from: string; to: string; days: number }) =>
    `【组织关系转接提醒】${p.name} 由「${p.from}」转往「${p.to}」（转接 #${p.id}）已等待 ${p.days} 天，还没有接收。请双方核对介绍信是否送达；「${p.to}」接收后发送「接收 ${p.name}」。`,
  cancelled: (p: { id: number; name: string; to: string }) => `已撤销转接 #${p.id}：${p.name} 不再转往「${p.to}」，仍是本组织党员。`,
  noneToCancel: (p: { name: string }) => `${p.name} 没有从本组织转出、等待接收的转接。`,
  noneWaiting: (p: { org: string }) => `「${p.org}」没有待接收的组织关系转接。`,
  waitingHeader: (p: { org: string; count: number }) => `「${p.org}」待接收的组织关系转接 ${p.count} 个（发送「接收 <姓名>」完成）：`,
  waitingLine: (p: { id: number; name: string; from: string; since: string }) => `· #${p.id} ${p.name}，来自「${p.from}」，${p.since} 转出`,
  sameOrg: (p: Names) => `未转出：${p.name} 已在「${p.org}」，请写要转往的组织名。`,
  alreadyPending: (p: Names) => `未转出：${p.name} 已有一个转往「${p.to}」的转接在等待接收。`,
  folded: (p: { name: string; org: string }) => `${p.name} 此前已在「${p.org}」登记过：两处登记已合为一条，以往记录都在。`,
  flowingIn: (p: Names) => `未转出：${p.name} 是流入「${p.org}」的党员，组织关系不在这里，应由其所在党组织办理转出。`,
  notWaiting: (p: { label: string; org: string; waiting: string[] }) =>
    `没有「${p.label}」转往「${p.org}」的待接收转接。${p.waiting.length ? `待接收：${p.waiting.join('、')}` : '目前没有待接收的转接。'}`,
  severalWaiting: (p: { label: string; ids: number[] }) => `「${p.label}」有 ${p.ids.length} 个待接收转接，请写编号：${p.ids.map((id) => `接收 #${id}`).join(' 或 ')}`,
  taken: (p: { label: string }) => `「${p.label}」的转接刚刚已被接收。`,

  // 流入 / 流出
  flowedIn: (p: { name: string; org: string; from: string | null; home: string | null }) =>
    `已登记流入：${p.name}${p.from ? `（来自 ${p.from}）` : ''}参加「${p.org}」的组织生活（会议、活动、学习），党费仍在原组织交纳。${p.home ? `「${p.home}」在「考勤」里能看到 TA 在这里的出勤。` : ''}`,
  alreadyMember: (p: { name: string; org: string }) => `${p.name} 已在「${p.org}」登记，不需要登记流入。`,
  flowedOut: (p: { name: string; org: string; place: string }) => `已登记流出：${p.name} 外出至 ${p.place}，组织关系仍在「${p.org}」，照常交纳党费；当地支部可登记 TA 为流入党员。`,
  paysAtHome: (p: { name: string }) => `${p.name} 是流入党员，党费在其所在党组织交纳，这里不记党费。`,
  flowOutOfFlowIn: (p: { name: string }) => `${p.name} 是流入党员，流出应由其所在党组织登记。`,
  flowMark: (p: { flow: string | null; place: string | null }) =>
    p.flow === 'in' ? `（流入${p.place ? `，来自 ${p.place}` : ''}）` : p.flow === 'out' ? `（流出${p.place ? `：${p.place}` : ''}）` : '',
  flowingName: (p: { name: string; org: string }) => `${p.name}（流入「${p.org}」）`,
  flowingHeader: () => '在其他组织流入参加的会议：',

  // 合并
  merged: (p: { from: string; to: string; members: number; group: boolean }) =>
    `已合并：「${p.from}」并入「${p.to}」，${p.members} 名党员连同学时、考勤、党费记录转入「${p.to}」。${p.group ? `原「${p.from}」群现在绑定到「${p.to}」。` : ''}`,
  mergedToUpper: (p: { from: string; to: string; members: number; by: string }) =>
    `【组织调整】${p.by} 将「${p.from}」并入「${p.to}」，${p.members} 名党员转入「${p.to}」。`,
  mergeSame: (p: { name: string }) => `不能把「${p.name}」合并到它自己。`,
  mergeOrgMissing: (p: { name: string }) => `没有名为「${p.name}」的组织。`,
  mergeHasChildren: (p: { name: string }) => `「${p.name}」下面还有组织，请先用「调整上级」把它们移走再合并。`,
  mergeNoRight: (p: { from: string; to: string }) => `无权：合并需要是「${p.from}」和「${p.to}」共同的委员或上级党委的委员（在该组织的群里发，或私聊时写「组织 <名>」）。`,
  mergeFolded: (p: { count: number; to: string }) => `其中 ${p.count} 人此前已在「${p.to}」登记过：两处登记已合为一条，以往记录都在。`,
}
