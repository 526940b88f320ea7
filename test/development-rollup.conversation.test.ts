import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reply } from '../src/chat/reply.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

async function readBook(reply: Reply | undefined): Promise<Record<string, unknown[][]>> {
  if (!reply?.file) throw new Error('no file')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(reply.file.base64, 'base64') as never)
  return Object.fromEntries(book.worksheets.map((s) => [s.name, s.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))]))
}

/** 统计 of a street counts the development pipeline's stages per branch; 导出 统计 carries them. */
describe('the development pipeline in 统计 and 导出 统计', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, secretaryA: Person, secretaryB: Person, a1: Person, a2: Person, a3: Person, b1: Person
  let street: Group, branchA: Group, branchB: Group

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, streetSecretary, secretaryA, secretaryB, a1, a2, a3, b1] = ['管理员', '街道书记', '甲书记', '乙书记', '甲一', '甲二', '甲三', '乙一'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person, Person, Person, Person]
    street = bench.group('外滩街道党委', [admin, streetSecretary])
    branchA = bench.group('第一党支部', [admin, secretaryA, a1, a2, a3])
    branchB = bench.group('第二党支部', [admin, secretaryB, b1])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    await street.ask(streetSecretary, '登记 街道书记')
    await street.ask(admin, '任命 @街道书记 书记')
    await branchA.ask(admin, '绑定 第一党支部 上级 外滩街道党委')
    await branchB.ask(admin, '绑定 第二党支部 上级 外滩街道党委')
    for (const p of [secretaryA, a1, a2, a3]) await branchA.ask(p, `登记 ${p.name}`)
    for (const p of [secretaryB, b1]) await branchB.ask(p, `登记 ${p.name}`)
    await branchA.ask(admin, '任命 @甲书记 书记')
    await branchB.ask(admin, '任命 @乙书记 书记')
    await branchA.ask(secretaryA, '发展 @甲一 申请人 2026-03-01')
    await branchA.ask(secretaryA, '发展 @甲二 积极分子 2025-06-01')
    await branchA.ask(secretaryA, '发展 @甲二 发展对象 2026-06-10')
    await branchA.ask(secretaryA, '发展 @甲三 预备 2025-10-01')
    await branchB.ask(secretaryB, '发展 @乙一 积极分子 2026-11-20')
  })
  afterEach(() => bench.close())

  it('GIVEN people at each stage in two branches THEN the street’s 统计 counts them per branch and in total, at the period’s end', async () => {
    const year = await street.ask(streetSecretary, '统计 本年')
    expect(year).toContain(
      ['发展党员（入党申请人｜入党积极分子｜发展对象｜预备党员）：', '· 第一党支部：1｜0｜1｜1', '· 第二党支部：0｜1｜0｜0', '· 合计：1｜1｜1｜1'].join('\n'),
    )
    // On the last day of last quarter (2026-09-30) 乙一 was not yet an activist.
    expect(await street.ask(streetSecretary, '统计 上季度')).toContain('· 第二党支部：0｜0｜0｜0\n· 合计：1｜0｜1｜1')
    expect(await branchA.ask(secretaryA, '统计')).toContain('发展党员（入党申请人｜入党积极分子｜发展对象｜预备党员）：\n· 第一党支部：1｜0｜1｜1')
    expect(await branchA.ask(secretaryA, '统计')).not.toContain('合计')
    expect(await street.ask(streetSecretary, '统计 去年')).toContain('· 第一党支部：0｜1｜0｜1\n· 第二党支部：0｜0｜0｜0')
    // Nobody on the path then: no lines.
    expect(await street.ask(streetSecretary, '统计 2024-12')).not.toContain('发展党员')
  })

  it('GIVEN 导出 统计 THEN the workbook holds the figures with the stages, and the people on the path', async () => {
    const replies = await street.replies(streetSecretary, '导出 统计 本年')
    expect(replies[1]?.privateTo).toBe(streetSecretary.contactId)
    expect(replies[1]?.file?.name).toBe('外滩街道党委_2026年工作统计.xlsx')
    const book = await readBook(replies[1])
    expect(Object.keys(book)).toEqual(['汇总', '发展党员'])
    const summary = book['汇总'] ?? []
    expect(summary[0]).toEqual(['组织', '期间', '党员数', '会议次数', '逾期项', '出勤率', '党费收缴率', '人均学时', '通知确认率', '入党申请人', '入党积极分子', '发展对象', '预备党员'])
    expect(summary.map((r) => [r[0], ...r.slice(9)])).toEqual([
      ['组织', '入党申请人', '入党积极分子', '发展对象', '预备党员'],
      ['第一党支部', 1, 0, 1, 1],
      ['第二党支部', 0, 1, 0, 0],
      ['合计', 1, 1, 1, 1],
    ])
    expect(summary[1]?.[2]).toBe(4)
    expect(book['发展党员']).toEqual([
      ['组织', '姓名', '阶段', '起始日期'],
      ['第一党支部', '甲一', '入党申请人', '2026-03-01'],
      ['第一党支部', '甲二', '发展对象', '2026-06-10'],
      ['第一党支部', '甲三', '预备党员', '2025-10-01'],
      ['第二党支部', '乙一', '入党积极分子', '2026-11-20'],
    ])
  })
})
