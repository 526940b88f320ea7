import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group } from './support/conversation.js'

/** 登记 as people say who they are: everyday words, in any order; a word not understood is named. */
describe('登记 in everyday words', () => {
  let bench: Bench
  let group: Group
  const people = ['李四', '王五', '赵六', '钱七', '孙八'] as const
  const person = new Map<string, ReturnType<Bench['person']>>()

  beforeAll(async () => {
    bench = await Bench.start()
    const admin = bench.person('管理员')
    for (const name of people) person.set(name, bench.person(name))
    group = bench.group('第一支部群', [admin, ...person.values()])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await group.ask(admin, '绑定 第一党支部')
  })
  afterAll(() => bench.close())

  const row = (name: string) => bench.db.member.findFirst({ where: { name }, select: { stage: true, category: true } })

  it.each([
    ['登记 李四 党员 退休', '李四', '正式党员', '离退休'],
    ['登记 王五 学生 预备', '王五', '预备党员', '学生'],
    ['登记 赵六 积极分子 上班', '赵六', '入党积极分子', '在职'],
    ['登记 孙八 退休党员', '孙八', '正式党员', '离退休'],
  ])('GIVEN 「%s」 THEN the member is recorded as the words mean', async (text, name, stage, category) => {
    expect(await group.ask(person.get(name)!, text)).toContain('已登记')
    expect(await row(name)).toEqual({ stage, category })
  })

  it('GIVEN a word it does not know THEN the reply names that word, lists the accepted ones, and nothing is written', async () => {
    const reply = await group.ask(person.get('钱七')!, '登记 钱七 大老板')
    expect(reply).toContain('看不懂「大老板」')
    expect(reply).toContain('离退休')
    expect(await row('钱七')).toBeNull()
  })

  it('GIVEN two stages that contradict each other THEN it asks for one, and nothing is written', async () => {
    expect(await group.ask(person.get('钱七')!, '登记 钱七 预备 正式党员')).toContain('不一致')
    expect(await row('钱七')).toBeNull()
  })
})
