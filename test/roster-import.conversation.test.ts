import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

type Cell = string | number | Date | null | { formula: string; result: number }

async function sheet(rows: Cell[][], options: { merge?: string; name?: string } = {}): Promise<{ name: string; base64: string }> {
  const workbook = new ExcelJS.Workbook()
  const ws = workbook.addWorksheet('名册')
  for (const row of rows) ws.addRow(row)
  if (options.merge) ws.mergeCells(options.merge)
  return { name: options.name ?? '党员名册.xlsx', base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') }
}

const SURNAMES = '赵钱孙周吴郑冯褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜戚谢邹喻柏水窦章'
/** 33 distinct new names (two characters each), and two people both called 陈明. */
const NEW_NAMES = [...SURNAMES.slice(0, 33)].map((s) => `${s}一`)
/** Dates as people type them: the five text styles and a real date cell. */
const BIRTHS: Cell[] = ['1990-05', '1985/3/12', '1978.11', '1969年7月', '19920101', new Date(Date.UTC(1988, 1, 14))]

describe('roster import from an officer’s sheet', () => {
  let bench: Bench
  let admin: Person, secretary: Person, li: Person, wang: Person, plain: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    li = bench.person('李四')
    wang = bench.person('王五')
    plain = bench.person('赵一')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [li, wang], [plain])
  })
  afterEach(() => bench.close())

  const sendFile = async (who: Person, file: { name: string; base64: string }) =>
    bench.render(await bench.send({ conversation: { kind: 'private', contactId: who.contactId }, sender: who, text: '', mentions: [], file }))

  /** 40 rows: 35 new (two of them 陈明), 李四 and 王五 already registered, three bad rows. Title row above the header, columns in another order, an extra 手机号 column. */
  async function fortyRows() {
    const rows: Cell[][] = [['第一党支部党员名册'], ['手机号', '党员类别', '姓 名', '出生年月', '入党时间', '工作单位', '备注']]
    NEW_NAMES.forEach((name, i) => rows.push(['13800000000', '正式党员', name, BIRTHS[i % BIRTHS.length] ?? null, '2010-07-01', '某某科技有限公司', '']))
    rows.push(['', '正式党员', '陈明', '1980-01', '2005-07-01', '甲公司', ''])
    rows.push(['', '预备党员', '陈明', '1995-06', '2025-07-01', '乙公司', ''])
    rows.push(['', '正式党员', '李四', '1975-02', '2000-07-01', '街道办', ''])
    rows.push(['', '正式党员', '王五', '1976-03', '2001-07-01', '街道办', ''])
    rows.push(['', '正式党员', '孙二', '1990年13月', '2015-07-01', '', '']) // line 40: no month 13
    rows.push(['', '正式党员', '', '1990-01', '2015-07-01', '丙公司', '']) // line 41: no name
    rows.push(['', '群众', '钱二', '1991-01', '', '', '']) // line 42: not a Party member
    return sheet(rows, { merge: 'A1:G1' })
  }

  it('GIVEN 40 rows with three bad rows and two registered names THEN the preview counts them; 确认导入 writes; 登记 claims; 成员 shows who has not joined', async () => {
    const preview = await sendFile(secretary, await fortyRows())
    expect(preview).toEqual([
      [
        '「第一党支部」名册预览：共 40 行',
        '新增 35 人，更新 0 人，无变化 0 人，已登记（将关联）2 人，有误 3 行',
        '第 40 行：出生年月「1990年13月」无法识别（可写 1990-05-01、1990/5/1、1990.05、1990年5月、19900501）',
        '第 41 行：缺少姓名',
        '第 42 行：人员类别「群众」无法识别（可写 正式党员、预备党员、发展对象、入党积极分子）',
        '有误的行不会导入；改正后可重新发送文件。',
        '尚未写入。发送「确认导入」写入（24 小时内有效）。手机号、身份证号不会保存。',
      ].join('\n'),
    ])
    expect(await bench.db.rosterEntry.count()).toBe(0)

    expect(await bench.dm(secretary, '确认导入')).toEqual(['已导入「第一党支部」名册：新增 35 人，更新 0 人，关联已登记成员 2 人。未进群登记的成员在群里发送「登记 姓名」即可认领自己的记录。'])
    const entries = await bench.db.rosterEntry.findMany({ orderBy: { id: 'asc' } })
    expect(entries).toHaveLength(37)
    expect(entries.filter((e) => e.memberId !== null).map((e) => e.name)).toEqual(['李四', '王五'])
    expect(entries.slice(0, 6).map((e) => e.birthMonth)).toEqual(['1990-05', '1985-03', '1978-11', '1969-07', '1992-01', '1988-02'])
    expect(JSON.stringify(entries)).not.toContain('13800000000')
    expect(await bench.dm(secretary, '确认导入')).toEqual(['没有待确认的导入。请先把名册文件私聊发给我。'])

    const list = await branch.ask(secretary, '成员')
    expect(list).toContain('名册中尚未进群登记 35 人：')
    expect(list).toContain('赵一、钱一')

    expect(await branch.ask(plain, '登记 赵一')).toBe('赵一 已登记到「第一党支部」：正式党员，在职。\n已与导入名册中的记录关联（某某科技有限公司）。')
    const zhao = await bench.db.member.findFirstOrThrow({ where: { name: '赵一' } })
    expect(await bench.db.rosterEntry.findFirst({ where: { name: '赵一' } })).toMatchObject({ memberId: zhao.id })
    expect(await branch.ask(secretary, '成员')).toContain('名册中尚未进群登记 34 人：')

    // A later sheet with the same rows changes nothing; one changed unit is an update.
    const again = await sendFile(secretary, await sheet([['姓名', '出生年月', '工作单位'], ['赵一', '1990-05', '某某科技有限公司'], ['钱一', '1985-03', '新公司']]))
    expect(again[0]).toContain('新增 0 人，更新 1 人，无变化 1 人')
  })

  it('GIVEN two imported records of one name THEN 登记 asks which, and 认领 takes the one chosen', async () => {
    await sendFile(secretary, await fortyRows())
    await bench.dm(secretary, '确认导入')
    const chen = bench.person('陈明')
    const group = bench.group('第一党支部群', [chen])
    Object.assign(group, { roomId: branch.roomId })
    const answer = await group.ask(chen, '登记 陈明 预备党员')
    expect(answer).toContain('名册中有 2 位「陈明」，请发送「认领 <序号>」说明你是哪一位：\n1. 甲公司，出生年月 1980-01\n2. 乙公司，出生年月 1995-06')
    expect(await group.ask(chen, '认领 3')).toBe('请在 1 到 2 之间选择。')
    expect(await group.ask(chen, '认领 2')).toBe('已与导入名册中的记录关联（乙公司）。')
    const member = await bench.db.member.findFirstOrThrow({ where: { name: '陈明' } })
    expect((await bench.db.rosterEntry.findMany({ where: { name: '陈明' }, orderBy: { id: 'asc' } })).map((e) => e.memberId)).toEqual([null, member.id])
  })

  it('GIVEN a bad file THEN a clear answer and nothing written', async () => {
    const header = ['姓名', '出生年月']
    const cases: Array<[{ name: string; base64: string }, string]> = [
      [{ name: '名册.pdf', base64: Buffer.from('%PDF-1.4').toString('base64') }, '「名册.pdf」不是可读取的表格'],
      [{ name: '名册.xlsx', base64: Buffer.from('not a zip at all').toString('base64') }, '「名册.xlsx」不是可读取的表格'],
      [{ name: '名册.xlsx', base64: 'A'.repeat(14 * 1024 * 1024) }, '文件超过 10 MB'],
      [await sheet([header, ['张三', { formula: 'DATE(1990,5,1)', result: 32994 }]]), '单元格 B2 是公式'],
      [await sheet([['姓名', '出生年月', ''], ['张三', '1990', '05']], { merge: 'B1:C1' }), '表头单元格 B1 是合并单元格'],
      [await sheet([['姓名', '出生年月'], ['', ''], ['张三', '1990-05']], { merge: 'A1:A2' }), '表头单元格 A1 是合并单元格'],
      [await sheet([['名字不对', '生日'], ['张三', '1990-05']]), '没有找到含「姓名」的表头'],
    ]
    for (const [file, words] of cases) {
      const answer = await sendFile(secretary, file)
      expect(answer).toEqual([expect.stringContaining(words)])
      expect(answer[0]).toContain('未导入任何数据')
    }
    expect(await bench.dm(secretary, '确认导入')).toEqual(['没有待确认的导入。请先把名册文件私聊发给我。'])
    expect(await bench.db.pendingImport.count()).toBe(0)
    expect(await bench.db.rosterEntry.count()).toBe(0)
  })

  it('GIVEN a .csv with dates typed in five styles THEN every row is read', async () => {
    const csv = '姓名,出生年月,转正时间\n赵一,1990-05-01,2016/7/1\n钱一,1985.3,2016年7月\n孙一,19800101,2016.07.01\n'
    const answer = await sendFile(secretary, { name: '名册.csv', base64: Buffer.from(csv).toString('base64') })
    expect(answer[0]).toContain('共 3 行\n新增 3 人')
  })

  it('GIVEN a member without office THEN the file is refused; 导入模板 sends an Excel file with the header', async () => {
    expect(await sendFile(li, await fortyRows())).toEqual([expect.stringMatching(/^无权/)])
    const replies = await bench.send({ conversation: { kind: 'private', contactId: secretary.contactId }, sender: secretary, text: '导入模板', mentions: [] })
    expect(replies[0]?.file?.name).toBe('党员名册模板.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(replies[0]?.file?.base64 ?? '', 'base64') as unknown as ArrayBuffer)
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([undefined, '姓名', '性别', '出生年月', '人员类别', '入党时间', '转正时间', '工作单位', '所在党支部'])
    // The template, filled in and sent back, previews cleanly.
    const back = await sendFile(secretary, { name: '党员名册模板.xlsx', base64: replies[0]?.file?.base64 ?? '' })
    expect(back[0]).toContain('共 1 行\n新增 1 人')
  })
})
