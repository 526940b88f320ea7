/** What the bot says about units in the territory (单位) and how organisations cover them (覆盖). */
type UnitProblem =
  | { kind: 'missingName' }
  | { kind: 'longName' }
  | { kind: 'badType'; text: string }
  | { kind: 'badStaff'; text: string }
  | { kind: 'repeated'; firstLine: number }

const TYPES_HINT = '企业、社会组织、商务楼宇、专业市场'

function problem(p: UnitProblem): string {
  switch (p.kind) {
    case 'missingName':
      return '缺少单位名称'
    case 'longName':
      return '单位名称超过 40 个字'
    case 'badType':
      return p.text ? `类型「${p.text}」无法识别（可写 ${TYPES_HINT}）` : `缺少类型（可写 ${TYPES_HINT}）`
    case 'badStaff':
      return `职工人数「${p.text}」不是整数`
    case 'repeated':
      return `与第 ${p.firstLine} 行的单位重名`
  }
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`)

export const unitsTexts = {
  registered: (p: { org: string; name: string; type: string; building: string | null; staff: number | null; updated: boolean }) =>
    `已${p.updated ? '更新' : '登记'}「${p.org}」属地单位「${p.name}」：${p.type}${p.building ? `，所在楼宇 ${p.building}` : ''}${p.staff !== null ? `，职工 ${p.staff} 人` : ''}。`,
  notTerritory: (p: { org: string; type: string }) =>
    `「${p.org}」是${p.type}，单位由属地的街道、区党（工）委登记。请在街道或区党（工）委的群里（或私聊加「组织 <名>」）发送。`,
  badType: (p: { word: string; accepted: readonly string[] }) => `看不懂单位类型「${p.word}」。可写：${p.accepted.join('、')}。`,
  missingType: () => `请写明单位类型：单位 登记 <名称> 类型 ${TYPES_HINT.replaceAll('、', '|')}`,
  badStaff: (p: { text: string }) => `职工人数「${p.text}」不是整数。`,
  longName: (p: { max: number }) => `单位名称不能超过 ${p.max} 个字。`,
  memberUnit: (p: { unit: string }) => `工作单位：${p.unit}。`,

  typedImport: () => '请在私聊中把单位名单文件（.xlsx 或 .csv，列：单位名称、类型、所在楼宇、职工人数）直接发给我：表头有「单位名称」「类型」、没有「姓名」的表按单位名单读取。我先预览，发送「确认导入」后才写入。',
  notASheet: (p: { name: string }) => `「${p.name}」不是可读取的表格。请发送 .xlsx 或 .csv 格式的单位名单。未导入任何数据。`,
  tooLarge: (p: { maxMb: number }) => `文件超过 ${p.maxMb} MB，不像一份单位名单。请只保留名单工作表后重发。未导入任何数据。`,
  tooManyRows: (p: { max: number }) => `单位名单超过 ${p.max} 行，请分批导入。未导入任何数据。`,
  formula: (p: { cell: string }) => `单元格 ${p.cell} 是公式。请复制整表后「选择性粘贴 → 数值」，再重发。未导入任何数据。`,
  mergedHeader: (p: { cell: string }) => `表头单元格 ${p.cell} 是合并单元格，无法对应列。请取消表头的合并后重发。未导入任何数据。`,
  noHeader: (p: { expected: readonly string[] }) =>
    `前 5 行里没有找到含「单位名称」和「类型」的表头。表头可包含：${p.expected.join('、')}（顺序不限，多余的列忽略）。未导入任何数据。`,
  preview: (p: { org: string; rows: number; created: number; updated: number; unchanged: number; rejected: Array<{ line: number; problem: UnitProblem }>; hours: number }) =>
    [
      `「${p.org}」单位名单预览：共 ${p.rows} 行`,
      `新增 ${p.created} 家，更新 ${p.updated} 家，无变化 ${p.unchanged} 家，有误 ${p.rejected.length} 行`,
      ...p.rejected.map((r) => `第 ${r.line} 行：${problem(r.problem)}`),
      ...(p.rejected.length ? ['有误的行不会导入；改正后可重新发送文件。'] : []),
      p.created + p.updated > 0 ? `尚未写入。发送「确认导入」写入（${p.hours} 小时内有效）。` : '没有需要写入的单位。',
    ].join('\n'),
  imported: (p: { org: string; created: number; updated: number }) => `已导入「${p.org}」单位名单：新增 ${p.created} 家，更新 ${p.updated} 家。发送「覆盖」查看党组织覆盖情况。`,

  notFound: (p: { names: readonly string[] }) => `在本组织及上级的属地单位里没有找到：${p.names.join('、')}。请先由街道党委「单位 登记」。未记录。`,
  coveredByOther: (p: { unit: string; org: string }) => `「${p.unit}」已由「${p.org}」覆盖，未记录。`,
  coverRace: () => '刚才有其他组织覆盖了其中的单位，未记录。请发送「覆盖」查看后重试。',
  jointFull: (p: { org: string; max: number; covered: number; adding: number }) =>
    `未记录：联合党支部覆盖的单位一般不超过 ${p.max} 家，「${p.org}」已覆盖 ${p.covered} 家，不能再加 ${p.adding} 家。单位正式党员满 3 人时可单独成立党支部（《中国共产党支部工作条例（试行）》第五条）。`,
  covered: (p: { org: string; names: readonly string[]; total: number }) => `已记录「${p.org}」覆盖：${p.names.join('、')}（共覆盖 ${p.total} 家单位）。`,
  coverList: (p: { org: string; names: readonly string[] }) =>
    p.names.length ? `「${p.org}」覆盖的单位（${p.names.length} 家）：${p.names.join('、')}` : `「${p.org}」还没有记录覆盖的单位。用法：覆盖单位 <单位名称>…`,

  coverageEmpty: (p: { org: string }) => `「${p.org}」属地还没有登记单位。用法：单位 登记 <名称> 类型 企业 [楼宇 <名称>] [职工 <人数>]，或私聊发送单位名单文件。`,
  coverageCounts: (p: { org: string; units: number; own: number; joint: number; needsOwn: number; needsJoint: number; noMembers: number }) =>
    [
      `「${p.org}」属地单位 ${p.units} 家，党组织覆盖 ${p.own + p.joint} 家（${percent(p.own + p.joint, p.units)}）`,
      `· 单独建立党组织 ${p.own} 家`,
      `· 联合党支部覆盖 ${p.joint} 家`,
      `· 有党员、未建党组织 ${p.needsOwn + p.needsJoint} 家（正式党员 3 人以上、应单独建支部 ${p.needsOwn} 家）`,
      `· 无党员 ${p.noMembers} 家`,
    ].join('\n'),
  listsSentPrivately: () => '各类单位名单已私信你。',
  listHeader: (p: { title: string; count: number }) => `【${p.title}】${p.count} 家`,
  listTitle: (p: { standing: 'own' | 'joint' | 'needsOwn' | 'needsJoint' | 'noMembers' }) =>
    ({ own: '单独建立党组织', joint: '联合党支部覆盖', needsOwn: '有党员未建组织：应单独建支部', needsJoint: '有党员未建组织：宜建或并入联合党支部', noMembers: '无党员' })[p.standing],
  coveredLine: (p: { unit: string; org: string }) => `· ${p.unit}（${p.org}）`,
  needsOwnLine: (p: { unit: string; members: number; full: number }) => `· ${p.unit}：党员 ${p.members} 人（正式党员 ${p.full} 人）→ 建议单独成立党支部`,
  needsJointLine: (p: { unit: string; members: number; full: number; building: string | null; branches: readonly string[]; units: readonly string[] }) =>
    `· ${p.unit}：党员 ${p.members} 人（正式党员 ${p.full} 人）→ 建议就近组建或并入联合党支部` +
    (p.branches.length || p.units.length
      ? `；同楼宇（${p.building}）${p.branches.length ? `可并入 ${p.branches.join('、')}` : ''}${p.branches.length && p.units.length ? '，' : ''}${p.units.length ? `可与 ${p.units.join('、')} 联合` : ''}`
      : ''),
  plainLine: (p: { unit: string }) => `· ${p.unit}`,
  jointSplitLine: (p: { unit: string; org: string; full: number }) =>
    `· ${p.unit}（${p.org}）：正式党员已有 ${p.full} 人 → 应单独成立党支部（支部工作条例第六条），可发送「拆分 ${p.unit}」`,
  splitCount: (p: { count: number }) => `· 其中联合党支部覆盖、正式党员 3 人以上应单独建支部 ${p.count} 家`,
  splitSuggestion: () => '从联合党支部拆分，单独成立党支部',

  // 拆分
  split: (p: { unit: string; joint: string; org: string; parent: string; members: number }) =>
    `已拆分：在「${p.parent}」下成立「${p.org}」，「${p.unit}」的 ${p.members} 名党员连同学时、考勤、党费记录从「${p.joint}」转入，该单位改由「${p.org}」覆盖。\n` +
    `「${p.org}」还没有群：请上级党委委员在它的群里发送「绑定 ${p.org}」。`,
  splitToUpper: (p: { unit: string; joint: string; org: string; members: number; by: string }) =>
    `【组织调整】${p.by} 将「${p.unit}」从「${p.joint}」拆分出来，成立「${p.org}」，${p.members} 名党员转入。`,
  splitUnitMissing: (p: { unit: string }) => `没有找到由本组织或下级联合党支部覆盖的单位「${p.unit}」。发送「覆盖」查看单位名单。`,
  splitNotJoint: (p: { unit: string; org: string; type: string }) => `「${p.unit}」由「${p.org}」覆盖，它是${p.type}，不是联合党支部，无需拆分。`,
  splitTooFew: (p: { unit: string; full: number }) =>
    `未拆分：「${p.unit}」登记的正式党员只有 ${p.full} 人。《中国共产党支部工作条例（试行）》第六条：正式党员 3 人以上的单位才应单独成立党支部；不足 3 人留在联合党支部。`,
  splitNameTaken: (p: { org: string }) => `已有名为「${p.org}」的组织，请换一个名字：拆分 <单位名称> 为 <新组织名>。`,

  exportFile: (p: { org: string }) => `${p.org}_党组织覆盖情况.xlsx`,
  summarySheet: () => '汇总',
  detailSheet: () => '单位明细',
  summaryColumns: () => ['属地党组织', '单位总数', '单独建立党组织', '联合党支部覆盖', '覆盖率', '有党员未建组织', '其中应单独建支部', '无党员', '党员人数'],
  detailColumns: () => ['单位名称', '类型', '所在楼宇', '职工人数', '属地党组织', '覆盖情况', '覆盖党组织', '党员人数', '正式党员', '建议'],
  total: () => '合计',
  percent: (p: { part: number; whole: number }) => percent(p.part, p.whole),
  suggestion: (p: { standing: 'own' | 'joint' | 'needsOwn' | 'needsJoint' | 'noMembers' }) =>
    ({ own: '', joint: '', needsOwn: '单独成立党支部', needsJoint: '组建或并入联合党支部', noMembers: '' })[p.standing],
}
