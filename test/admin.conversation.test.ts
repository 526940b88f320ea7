import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JobRepository } from '../src/scheduler/job.repository.js'
import { ADMIN_TOKEN, Bench } from './support/conversation.js'

describe('the super-admin sees parked jobs', () => {
  let bench: Bench
  beforeEach(async () => {
    bench = await Bench.start()
  })
  afterEach(() => bench.close())

  it('GIVEN a job parked after failing THEN 任务 lists it with its error, privately, and only for a super-admin', async () => {
    const admin = bench.person('管理员')
    const member = bench.person('张三')
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    expect(await bench.dm(admin, '任务')).toEqual(['没有搁置的定时任务，一切正常。'])

    const jobs = new JobRepository(bench.db)
    await jobs.schedule({ kind: 'activity.remind', key: 'activity:9:remind:24', dueAt: bench.clock.now(), payload: { activityId: 9, hours: 24 }, now: bench.clock.now() })
    const [job] = await jobs.due(bench.clock.now(), 1)
    await jobs.park(job!.id, 5, 'room gone')

    const [list] = await bench.dm(admin, '任务')
    expect(list).toContain('搁置的定时任务（1 个')
    expect(list).toContain(`#${job!.id} activity.remind`)
    expect(list).toContain('试了 5 次：room gone')
    expect(await bench.dm(member, '任务')).toEqual([expect.stringContaining('无权')])
  })
})
