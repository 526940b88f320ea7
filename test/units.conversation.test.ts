import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reply } from '../src/chat/reply.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

type Cell = string | number | null | { formula: string; result: number }

async function sheet(rows: Cell[][], options: { merge?: string; name?: string } = {}): Promise<{ name: string; base64: string }> {
  const workbook = new ExcelJS.Workbook()
  const ws = workbook.addWorksheet('单位')
  for (const row of rows) ws.addRow(row)
  if (options.merge) ws.mergeCells(options.merge)
  return { name: options.name ?? '属地单位名单.xlsx', base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') }
}

/** Reads an exported workbook back: sheet name → rows of cell values. */
async function readBook(reply: Reply | undefined): Promise<Record<string, unknown[][]>> {
  if (!reply?.file) throw new Error('no file')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(reply.file.base64, 'base64') as never)
  return Object.fromEntries(book.worksheets.map((s) => [s.name, s.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))]))
}

/** Twelve units of a street: firms in 金融大厦 and 科技园大楼, a society, a market, the building itself. */
const UNITS: Cell[][] = [
  ['外滩街道两新组织名单'],
  ['序号', '单位名称', '类型', '所在楼宇', '职工人数', '联系电话'],
  [1, '星辰科技', '企业', '金融大厦', 120, '021-1'],
  [2, '云帆咨询', '公司', '金融大厦', 30, ''],
  [3, '海阔贸易', '企业', '金融大厦', 18, ''],
  [4, '明远财务', '企业', '金融大厦', 9, ''],
  [5, '北辰物流', '企业', '金融大厦', 45, ''],
  [6, '东方传媒', '企业', '金融大厦', '25人', ''],
  [7, '蓝图设计', '企业', '科技园大楼', 12, ''],
  [8, '青禾网络', '企业', '科技园大楼', 60, ''],
  [9, '智联软件', '企业', '科技园大楼', 200, ''],
  [10, '外滩商会', '社会组织', '', null, ''],
  [11, '外滩小商品市场', '专业市场', '', 300, ''],
  [12, '金融大厦', '商务楼宇', '', null, ''],
]

describe('units in a street’s territory and how its organisations cover them', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, ownSecretary: Person, jointSecretary: Person, parkSecretary: Person
  let street: Group, own: Group, joint: Group, park: Group

  const sendFile = async (who: Person, file: { name: string; base64: string }) =>
    bench.render(await bench.send({ conversation: { kind: 'private', contactId: who.contactId }, sender: who, text: '', mentions: [], file }))

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, streetSecretary, ownSecretary, jointSecretary, parkSecretary] = ['管理员', '街道书记', '星辰书记', '金融书记', '科技园书记'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person]
    street = bench.group('外滩街道党委', [admin, streetSecretary])
    own = bench.group('星辰科技党支部', [admin, ownSecretary])
    joint = bench.group('金融大厦联合党支部', [admin, jointSecretary])
    park = bench.group('科技园联合党支部', [admin, parkSecretary])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    await own.ask(admin, '绑定 星辰科技党支部 上级 外滩街道党委')
    await joint.ask(admin, '绑定 金融大厦联合党支部 联合党支部 上级 外滩街道党委')
    await park.ask(admin, '绑定 科技园联合党支部 联合党支部 上级 外滩街道党委')
    for (const [group, secretary] of [[street, streetSecretary], [own, ownSecretary], [joint, jointSecretary], [park, parkSecretary]] as const) {
      await group.ask(secretary, `登记 ${secretary.name}`)
      await group.ask(admin, `任命 @${secretary.name} 书记`)
    }
  })
  afterEach(() => bench.close())

  it('GIVEN the street secretary THEN 单位 登记 records a unit, again updates it; a branch cannot; bad words are named', async () => {
    expect(await street.ask(streetSecretary, '单位 登记 星辰科技 类型 企业 楼宇 金融大厦 职工 120')).toBe('已登记「外滩街道党委」属地单位「星辰科技」：企业，所在楼宇 金融大厦，职工 120 人。')
    expect(await street.ask(streetSecretary, '单位 登记 星辰科技 类型 公司 职工 150人')).toBe('已更新「外滩街道党委」属地单位「星辰科技」：企业，所在楼宇 金融大厦，职工 150 人。')
    expect(await bench.dm(streetSecretary, '单位 登记 外滩商会 类型 社团')).toEqual(['已登记「外滩街道党委」属地单位「外滩商会」：社会组织。'])
    expect(await bench.db.unit.count()).toBe(2)

    expect(await own.ask(ownSecretary, '单位 登记 某公司 类型 企业')).toContain('「星辰科技党支部」是党支部，单位由属地的街道、区党（工）委登记')
    expect(await street.ask(streetSecretary, '单位 登记 某公司 类型 工厂')).toContain('看不懂单位类型「工厂」')
    expect(await street.ask(streetSecretary, '单位 登记 某公司')).toContain('请写明单位类型')
    expect(await street.ask(streetSecretary, '单位 登记 某公司 类型 企业 职工 很多')).toContain('职工人数「很多」不是整数')
    const plain = bench.person('群众甲')
    street.people.push(plain)
    await street.ask(plain, '登记 群众甲')
    expect(await street.ask(plain, '单位 登记 某公司 类型 企业')).toContain('无权')
    expect(await bench.db.unit.count()).toBe(2)
    expect(await bench.db.auditLog.count({ where: { action: { startsWith: 'unit.' } } })).toBe(3)
  })

  it('GIVEN a unit list sent privately THEN a preview counts it; nothing is written until 确认导入; a roster sent after is still a roster', async () => {
    await street.ask(streetSecretary, '单位 登记 星辰科技 类型 企业 楼宇 金融大厦 职工 120')
    const rows = [...UNITS, [13, '', '企业', '', 1, ''], [14, '坏类型公司', '工厂', '', 1, ''], [15, '云帆咨询', '企业', '', 1, ''], [16, '人数公司', '企业', '', '许多', '']]
    expect(await sendFile(streetSecretary, await sheet(rows, { name: '名单.xlsx' }))).toEqual([
      [
        '「外滩街道党委」单位名单预览：共 16 行',
        '新增 11 家，更新 0 家，无变化 1 家，有误 4 行',
        '第 15 行：缺少单位名称',
        '第 16 行：类型「工厂」无法识别（可写 企业、社会组织、商务楼宇、专业市场）',
        '第 17 行：与第 4 行的单位重名',
        '第 18 行：职工人数「许多」不是整数',
        '有误的行不会导入；改正后可重新发送文件。',
        '尚未写入。发送「确认导入」写入（24 小时内有效）。',
      ].join('\n'),
    ])
    expect(await bench.db.unit.count()).toBe(1)
    expect(await bench.dm(streetSecretary, '确认导入')).toEqual(['已导入「外滩街道党委」单位名单：新增 11 家，更新 0 家。发送「覆盖」查看党组织覆盖情况。'])
    expect(await bench.db.unit.count()).toBe(12)
    expect(await bench.db.unit.findFirst({ where: { name: '东方传媒' } })).toMatchObject({ type: '企业', building: '金融大厦', staff: 25 })
    expect(await bench.dm(streetSecretary, '确认导入')).toEqual(['没有待确认的导入。请先把名册文件私聊发给我。'])

    // A unit list previewed, then a roster: 确认导入 writes the roster, the latest preview.
    await sendFile(streetSecretary, await sheet([['单位名称', '类型'], ['新公司', '企业']]))
    // A roster named after its unit is still a roster: the header decides.
    const roster = await sheet([['姓名', '工作单位'], ['钱多多', '新公司']], { name: '新公司单位名单.xlsx' })
    expect((await sendFile(streetSecretary, roster))[0]).toContain('名册预览')
    expect((await bench.dm(streetSecretary, '确认导入'))[0]).toContain('已导入「外滩街道党委」名册')
    expect(await bench.db.unit.count()).toBe(12)
    expect(await bench.db.rosterEntry.count()).toBe(1)

    expect(await bench.dm(streetSecretary, '导入单位')).toEqual([expect.stringContaining('表头有「单位名称」「类型」、没有「姓名」的表按单位名单读取')])
  })

  it('GIVEN a bad unit list THEN a clear answer and nothing written', async () => {
    const cases: Array<[{ name: string; base64: string }, string]> = [
      [{ name: '单位名单.pdf', base64: Buffer.from('%PDF-1.4').toString('base64') }, '「单位名单.pdf」不是可读取的表格'],
      [{ name: '单位名单.xlsx', base64: Buffer.from('not a zip').toString('base64') }, '「单位名单.xlsx」不是可读取的表格'],
      [{ name: '单位名单.xlsx', base64: 'A'.repeat(14 * 1024 * 1024) }, '文件超过 10 MB'],
      [await sheet([['单位名称', '类型', '职工人数'], ['甲', '企业', { formula: '1+1', result: 2 }]]), '单元格 C2 是公式'],
      [await sheet([['单位名称', '类型', ''], ['甲', '企业', '']], { merge: 'B1:C1' }), '表头单元格 B1 是合并单元格'],
      [await sheet([['公司', '说明'], ['甲', '企业']], { name: '单位名单.xlsx' }), '没有找到含「单位名称」和「类型」的表头'],
    ]
    for (const [file, words] of cases) {
      const answer = await sendFile(streetSecretary, file)
      expect(answer).toEqual([expect.stringContaining(words)])
      expect(answer[0]).toContain('未导入任何数据')
    }
    expect(await sendFile(ownSecretary, await sheet(UNITS))).toEqual([expect.stringContaining('单位由属地的街道、区党（工）委登记')])
    expect(await bench.db.unit.count()).toBe(0)
    expect(await bench.db.pendingImport.count()).toBe(0)
  })

  /** The street's twelve units, its three organisations covering six, and members who said where they work. */
  async function territory() {
    await sendFile(streetSecretary, await sheet(UNITS))
    await bench.dm(streetSecretary, '确认导入')
    expect(await own.ask(ownSecretary, '覆盖单位 星辰科技')).toBe('已记录「星辰科技党支部」覆盖：星辰科技（共覆盖 1 家单位）。')
    expect(await joint.ask(jointSecretary, '覆盖单位 云帆咨询 海阔贸易 明远财务')).toBe('已记录「金融大厦联合党支部」覆盖：云帆咨询、海阔贸易、明远财务（共覆盖 3 家单位）。')
    expect(await bench.dm(parkSecretary, '覆盖单位 蓝图设计 青禾网络')).toEqual(['已记录「科技园联合党支部」覆盖：蓝图设计、青禾网络（共覆盖 2 家单位）。'])
    // 智联软件: three full members, no organisation; 北辰物流: one; 东方传媒: one full, one probationary (on the roster, not yet in a group).
    const people = ['智一', '智二', '智三', '北一'].map((n) => bench.person(n))
    street.people.push(...people)
    for (const p of people.slice(0, 3)) expect(await street.ask(p, `登记 ${p.name} 党员 单位 智联软件`)).toContain('工作单位：智联软件。')
    await street.ask(people[3]!, '登记 北一 单位 北辰物流有限公司') // the unit is listed as 北辰物流
    await sendFile(streetSecretary, await sheet([['姓名', '人员类别', '工作单位'], ['东一', '正式党员', '东方传媒'], ['东二', '预备党员', '东方传媒']], { name: '名册.xlsx' }))
    await bench.dm(streetSecretary, '确认导入')
  }

  it('GIVEN 12 units, 3 organisations and members at work THEN 覆盖 counts them in the group and lists them privately, with suggestions', async () => {
    await territory()
    const replies = await street.replies(streetSecretary, '覆盖')
    expect(replies).toHaveLength(2)
    expect(replies[0]).toEqual({
      mentionIds: [streetSecretary.contactId],
      text: [
        '「外滩街道党委」属地单位 12 家，党组织覆盖 6 家（50%）',
        '· 单独建立党组织 1 家',
        '· 联合党支部覆盖 5 家',
        '· 有党员、未建党组织 3 家（正式党员 3 人以上、应单独建支部 1 家）',
        '· 无党员 3 家',
        '各类单位名单已私信你。',
      ].join('\n'),
    })
    expect(replies[1]).toEqual({
      privateTo: streetSecretary.contactId,
      text: [
        '【单独建立党组织】1 家',
        '· 星辰科技（星辰科技党支部）',
        '【联合党支部覆盖】5 家',
        '· 云帆咨询（金融大厦联合党支部）',
        '· 海阔贸易（金融大厦联合党支部）',
        '· 明远财务（金融大厦联合党支部）',
        '· 蓝图设计（科技园联合党支部）',
        '· 青禾网络（科技园联合党支部）',
        '【有党员未建组织：应单独建支部】1 家',
        '· 智联软件：党员 3 人（正式党员 3 人）→ 建议单独成立党支部',
        '【有党员未建组织：宜建或并入联合党支部】2 家',
        '· 北辰物流：党员 1 人（正式党员 1 人）→ 建议就近组建或并入联合党支部；同楼宇（金融大厦）可并入 金融大厦联合党支部，可与 东方传媒 联合',
        '· 东方传媒：党员 2 人（正式党员 1 人）→ 建议就近组建或并入联合党支部；同楼宇（金融大厦）可并入 金融大厦联合党支部，可与 北辰物流 联合',
        '【无党员】3 家',
        '· 外滩商会',
        '· 外滩小商品市场',
        '· 金融大厦',
      ].join('\n'),
    })
    // A branch sees only what lies in its own territory (nothing registered there); privately, one answer.
    expect(await own.ask(ownSecretary, '覆盖')).toContain('「星辰科技党支部」属地还没有登记单位')
    const privately = await bench.dm(streetSecretary, '覆盖')
    expect(privately).toHaveLength(1)
    expect(privately[0]).toContain('党组织覆盖 6 家（50%）')
    expect(privately[0]).toContain('· 智联软件：党员 3 人')
  })

  it('GIVEN a joint branch THEN it covers at most five units; a unit covered elsewhere or unknown is refused; nothing written', async () => {
    await territory()
    expect(await joint.ask(jointSecretary, '覆盖单位 北辰物流 东方传媒 星辰科技')).toBe('「星辰科技」已由「星辰科技党支部」覆盖，未记录。')
    expect(await joint.ask(jointSecretary, '覆盖单位 不存在公司')).toContain('没有找到：不存在公司')
    expect(await joint.ask(jointSecretary, '覆盖单位 北辰物流 东方传媒 金融大厦')).toContain('联合党支部覆盖的单位一般不超过 5 家，「金融大厦联合党支部」已覆盖 3 家，不能再加 3 家')
    expect(await bench.db.unit.count({ where: { coveredByOrgId: { not: null } } })).toBe(6)
    expect(await joint.ask(jointSecretary, '覆盖单位 北辰物流有限公司 东方传媒 北辰物流')).toBe('已记录「金融大厦联合党支部」覆盖：北辰物流、东方传媒（共覆盖 5 家单位）。')
    expect(await joint.ask(jointSecretary, '覆盖单位')).toBe('「金融大厦联合党支部」覆盖的单位（5 家）：云帆咨询、海阔贸易、明远财务、北辰物流、东方传媒')
    expect((await street.replies(streetSecretary, '覆盖'))[0]?.text).toContain('党组织覆盖 8 家（67%）')
  })

  it('GIVEN 导出 覆盖 THEN the workbook opens with a summary sheet and a detail sheet', async () => {
    await territory()
    const replies = await street.replies(streetSecretary, '导出 覆盖')
    expect(replies[0]?.privateTo).toBeUndefined()
    expect(replies[1]?.privateTo).toBe(streetSecretary.contactId)
    expect(replies[1]?.file?.name).toBe('外滩街道党委_党组织覆盖情况.xlsx')
    const book = await readBook(replies[1])
    expect(Object.keys(book)).toEqual(['汇总', '单位明细'])
    expect(book['汇总']).toEqual([
      ['属地党组织', '单位总数', '单独建立党组织', '联合党支部覆盖', '覆盖率', '有党员未建组织', '其中应单独建支部', '无党员', '党员人数'],
      ['外滩街道党委', 12, 1, 5, '50%', 3, 1, 3, 6],
      ['合计', 12, 1, 5, '50%', 3, 1, 3, 6],
    ])
    const detail = book['单位明细'] ?? []
    expect(detail).toHaveLength(13)
    expect(detail[0]).toEqual(['单位名称', '类型', '所在楼宇', '职工人数', '属地党组织', '覆盖情况', '覆盖党组织', '党员人数', '正式党员', '建议'])
    expect(detail.find((r) => r[0] === '智联软件')).toEqual(['智联软件', '企业', '科技园大楼', 200, '外滩街道党委', '有党员未建组织：应单独建支部', '', 3, 3, '单独成立党支部'])
    expect(await own.ask(ownSecretary, '导出 覆盖 本月')).toContain('格式')
  })
})
