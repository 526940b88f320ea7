import { consoleDeps, createConsole } from '../../src/console/console.js'
import { OrgRepository } from '../../src/domain/org/org.repository.js'
import { Bench, type Group, type Person } from './conversation.js'

/**
 * A street committee with two branches, set up by conversation: the street's 书记, each branch's
 * 书记, a 宣传委员 (an officer who may not see dues), and in the first branch a 党课 held
 * (2 of 3 present) and one member's dues assessed and paid.
 */
export async function seedStreet() {
  const bench = await Bench.start()
  const p = (name: string) => bench.person(name)
  const [admin, streetSecretary, first, member, publicity, second, secondMember] = [p('管理员'), p('街道书记'), p('一支书记'), p('张三'), p('宣传李四'), p('二支书记'), p('王五')]
  const streetGroup = await bench.branch('外滩街道党委群', '外滩街道党委', admin, streetSecretary, [])
  const branch = async (topic: string, name: string, secretary: Person, people: Person[]): Promise<Group> => {
    const group = bench.group(topic, [admin, secretary, ...people])
    const expect = async (who: Person, text: string, words: string) => {
      const reply = (await group.say(who, text)).join('\n')
      if (!reply.includes(words)) throw new Error(`setting up ${name}: 「${text}」 answered 「${reply}」`)
    }
    await expect(admin, `绑定 ${name} 上级 外滩街道党委`, '已绑定')
    for (const person of [secretary, ...people]) await expect(person, `登记 ${person.name} 正式党员 在职`, '已登记')
    await expect(admin, `任命 @${secretary.name} 书记`, '已任命')
    return group
  }
  const one = await branch('第一支部群', '外滩第一党支部', first, [member, publicity])
  await one.say(admin, `任命 @${publicity.name} 宣传委员`)
  await branch('第二支部群', '外滩第二党支部', second, [secondMember])
  // A 党课 held this morning: the secretary and 张三 check in, 宣传李四 does not.
  const said = async (who: Person, text: string, words: string) => {
    const reply = (await one.say(who, text)).join('\n')
    if (!reply.includes(words)) throw new Error(`seeding the street: 「${text}」 answered 「${reply}」`)
  }
  const friday10am = bench.clock.now()
  bench.clock.set(new Date('2026-11-27T08:00:00+08:00'))
  await said(first, '安排 党课 时间 今天上午9点 主题 学习党章', '#')
  bench.clock.set(new Date('2026-11-27T09:00:00+08:00'))
  await said(first, '开始签到', '签到')
  await said(first, '签到', '签到')
  await said(member, '签到', '签到')
  await said(first, '结束签到', '应到')
  bench.clock.set(friday10am)
  await said(first, `核定党费 @${member.name} 50`, '已为')
  await said(first, `收党费 @${member.name} 50 11月`, '已记录')
  const orgs = new OrgRepository(bench.db)
  // Built as src/zhibu.ts builds it.
  const deps = consoleDeps({ db: bench.db, services: bench.services, clock: bench.clock, timeZone: 'Asia/Shanghai', settings: { CONSOLE_HOST: '127.0.0.1', CONSOLE_PORT: 7731 } })
  const auth = deps.auth
  const app = await createConsole(deps)
  const orgId = async (name: string) => (await orgs.findOrgByName(name))!.id
  return {
    bench,
    app,
    auth,
    people: { admin, streetSecretary, first, member, publicity, second, secondMember },
    groups: { street: streetGroup, first: one },
    orgIds: { street: await orgId('外滩街道党委'), first: await orgId('外滩第一党支部'), second: await orgId('外滩第二党支部') },
    close: async () => {
      await app.close()
      await bench.close()
    },
  }
}
