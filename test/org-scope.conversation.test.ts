import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/**
 * `where: 'org'`: an organisation's command works in its bound group and privately, where the
 * organisation is the one the asker holds the office in, or the one named with `组织 <名>`.
 * Rights are exactly those the asker has in that organisation (属地管理). Driven through 党费情况.
 */
describe('commands for an organisation, sent privately', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, secretaryA: Person, both: Person, zhang: Person
  let street: Group, branchA: Group, branchB: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    streetSecretary = bench.person('周书记')
    secretaryA = bench.person('王书记')
    both = bench.person('李组织') // 组织委员 in both branches
    zhang = bench.person('张三')
    street = bench.group('外滩街道党委群', [admin, streetSecretary])
    branchA = bench.group('第一党支部群', [admin, secretaryA, both, zhang])
    branchB = bench.group('第二党支部群', [admin, both])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    await branchA.ask(admin, '绑定 第一党支部 上级 外滩街道党委')
    await branchB.ask(admin, '绑定 第二党支部 上级 外滩街道党委')
    await street.ask(streetSecretary, '登记 周书记 正式党员')
    for (const p of [secretaryA, both, zhang]) await branchA.ask(p, `登记 ${p.name} 正式党员`)
    await branchB.ask(both, '登记 李组织 正式党员')
    for (const [group, text] of [
      [street, '任命 @周书记 书记'],
      [branchA, '任命 @王书记 书记'],
      [branchA, '任命 @李组织 组织委员'],
      [branchB, '任命 @李组织 组织委员'],
    ] as const) {
      expect(await group.ask(admin, text)).toContain('已任命')
    }
  })
  afterEach(() => bench.close())

  it('GIVEN one office THEN its organisation is used, and the answer is the private details alone', async () => {
    expect(await bench.dm(secretaryA, '党费情况')).toEqual([expect.stringMatching(/^「第一党支部」11月党费\n已交 0 人\n/)])
    expect(await bench.dm(streetSecretary, '党费情况')).toEqual([expect.stringMatching(/^「外滩街道党委」11月党费/)])
  })

  it('GIVEN offices in two organisations THEN the bot lists them, and 组织 <名> chooses', async () => {
    expect(await bench.dm(both, '党费情况')).toEqual(['你在 2 个组织可以使用此命令：第一党支部、第二党支部。请在命令末尾加上「组织 <名>」，例如：组织 第一党支部'])
    expect(await bench.dm(both, '党费情况 组织 第二党支部')).toEqual([expect.stringMatching(/^「第二党支部」11月党费/)])
    expect(await bench.dm(both, '党费情况 10月 组织 第一党支部')).toEqual([expect.stringMatching(/^「第一党支部」10月党费/)])
  })

  it('GIVEN 组织 <名> THEN rights are those the asker has there: above reaches down, a sibling is refused', async () => {
    expect(await bench.dm(streetSecretary, '党费情况 组织 第二党支部')).toEqual([expect.stringMatching(/^「第二党支部」11月党费/)])
    expect(await bench.dm(secretaryA, '党费情况 组织 第二党支部')).toEqual([expect.stringMatching(/^无权/)])
    expect(await bench.dm(secretaryA, '党费情况 组织 外滩街道党委')).toEqual([expect.stringMatching(/^无权/)])
    expect(await bench.dm(secretaryA, '党费情况 组织 不存在的支部')).toEqual(['没有名为「不存在的支部」的组织。'])
  })

  it('GIVEN no office, or the super-admin without 组织 THEN a clear refusal or the way to name one', async () => {
    expect(await bench.dm(zhang, '党费情况')).toEqual([expect.stringMatching(/^无权/)])
    expect(await bench.dm(admin, '党费情况')).toEqual(['私信使用此命令时，请在命令末尾加上「组织 <名>」。'])
    expect(await bench.dm(admin, '党费情况 组织 第一党支部')).toEqual([expect.stringMatching(/^「第一党支部」11月党费/)])
  })

  it('GIVEN the group form THEN unchanged: the group hears counts, the asker the details, and 组织 is not the dispatcher\'s there', async () => {
    const replies = await branchA.replies(secretaryA, '党费情况')
    expect(replies).toEqual([{ text: '11月党费：已交 0 人，未交 0 人。详情已私信', mentionIds: [secretaryA.contactId] }, { privateTo: secretaryA.contactId, text: expect.stringMatching(/^「第一党支部」/) }])
    expect(await branchA.say(secretaryA, '党费情况 组织 第二党支部')).toEqual([expect.stringContaining('看不懂月份「组织第二党支部」')])
  })

  it('GIVEN 帮助 privately THEN an officer sees the organisation commands they may run, a member only theirs', async () => {
    const [officer] = await bench.dm(both, '帮助')
    expect(officer).toContain('· 党费情况')
    expect(officer).toContain('· 收党费')
    const [member] = await bench.dm(zhang, '帮助')
    expect(member).toContain('· 交党费')
    expect(member).not.toContain('收党费')
    expect(member).not.toContain('党费情况')
  })
})
