/** What the bot says about roster imports (名册导入) and claiming an imported record. */
const FIELD_NAMES = { birthMonth: '出生年月', joinedOn: '入党时间', fullOn: '转正时间' } as const

type Problem =
  | { kind: 'noName' }
  | { kind: 'badName'; name: string }
  | { kind: 'badDate'; field: keyof typeof FIELD_NAMES; text: string }
  | { kind: 'badStage'; text: string }
  | { kind: 'fullBeforeJoined' }
  | { kind: 'repeated'; firstLine: number }

function problem(p: Problem): string {
  switch (p.kind) {
    case 'noName':
      return '缺少姓名'
    case 'badName':
      return `姓名「${p.name}」不像人名`
    case 'badDate':
      return `${FIELD_NAMES[p.field]}「${p.text}」无法识别（可写 1990-05-01、1990/5/1、1990.05、1990年5月、19900501）`
    case 'badStage':
      return `人员类别「${p.text}」无法识别（可写 正式党员、预备党员、发展对象、入党积极分子）`
    case 'fullBeforeJoined':
      return '转正时间早于入党时间'
    case 'repeated':
      return `与第 ${p.firstLine} 行重复（同名同出生年月）`
  }
}

export const rosterTexts = {
  notASheet: (p: { name: string }) => `「${p.name}」不是可读取的表格。请发送 .xlsx 或 .csv 格式的名册（可发送「导入模板」获取模板）。未导入任何数据。`,
  tooLarge: (p: { maxMb: number }) => `文件超过 ${p.maxMb} MB，不像一份名册。请只保留名册工作表后重发。未导入任何数据。`,
  tooManyRows: (p: { max: number }) => `名册超过 ${p.max} 行，请分批导入。未导入任何数据。`,
  formula: (p: { cell: string }) => `单元格 ${p.cell} 是公式。请复制整表后「选择性粘贴 → 数值」，再重发。未导入任何数据。`,
  mergedHeader: (p: { cell: string }) => `表头单元格 ${p.cell} 是合并单元格，无法对应列。请取消表头的合并后重发。未导入任何数据。`,
  noHeader: (p: { expected: readonly string[] }) => `前 5 行里没有找到含「姓名」的表头。表头可包含：${p.expected.join('、')}（顺序不限，多余的列忽略）。未导入任何数据。`,
  noFile: () => '请在私聊中把名册文件（.xlsx 或 .csv）直接发给我。',
  preview: (p: { org: string; rows: number; created: number; updated: number; unchanged: number; registered: number; rejected: Array<{ line: number; problem: Problem }>; hours: number }) =>
    [
      `「${p.org}」名册预览：共 ${p.rows} 行`,
      `新增 ${p.created} 人，更新 ${p.updated} 人，无变化 ${p.unchanged} 人，已登记（将关联）${p.registered} 人，有误 ${p.rejected.length} 行`,
      ...p.rejected.map((r) => `第 ${r.line} 行：${problem(r.problem)}`),
      p.rejected.length ? '有误的行不会导入；改正后可重新发送文件。' : null,
      p.created + p.updated + p.registered > 0 ? `尚未写入。发送「确认导入」写入（${p.hours} 小时内有效）。手机号、身份证号不会保存。` : '没有需要写入的内容。',
    ]
      .filter(Boolean)
      .join('\n'),
  nothingPending: () => '没有待确认的导入。请先把名册文件私聊发给我。',
  imported: (p: { org: string; created: number; updated: number; linked: number }) =>
    `已导入「${p.org}」名册：新增 ${p.created} 人，更新 ${p.updated} 人，关联已登记成员 ${p.linked} 人。未进群登记的成员在群里发送「登记 姓名」即可认领自己的记录。`,
  claimed: (p: { unit: string | null }) => `已与导入名册中的记录关联${p.unit ? `（${p.unit}）` : ''}。`,
  claimChoices: (p: { name: string; choices: Array<{ unit: string | null; birthMonth: string | null }> }) =>
    [
      `名册中有 ${p.choices.length} 位「${p.name}」，请发送「认领 <序号>」说明你是哪一位：`,
      ...p.choices.map((c, i) => `${i + 1}. ${c.unit ?? '单位未填'}，出生年月 ${c.birthMonth ?? '未填'}`),
    ].join('\n'),
  claimNone: (p: { name: string }) => `名册中没有待认领的「${p.name}」。`,
  claimBadChoice: (p: { count: number }) => `请在 1 到 ${p.count} 之间选择。`,
  notJoinedHeader: (p: { count: number }) => `名册中尚未进群登记 ${p.count} 人：`,
  templateSent: () => '名册模板如下：第一行为表头（顺序可调，多余的列会忽略），出生年月等日期可写 1990-05 或 1990年5月。填好后私聊发给我即可预览。',
  templateFileName: () => '党员名册模板.xlsx',
  templateExample: () => ['张三', '男', '1990-05', '正式党员', '2015-07-01', '2016-07-01', '某某科技有限公司', '第一党支部'],
}
