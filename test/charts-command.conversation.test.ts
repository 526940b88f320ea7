import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStreet } from './support/console-street.js'

/** 统计 图 and 考勤 图: a PNG privately beside the figures; the group hears only that it was sent. */
describe('charts in the chat', () => {
  let street: Awaited<ReturnType<typeof seedStreet>>
  beforeAll(async () => {
    street = await seedStreet()
  })
  afterAll(() => street.close())

  const pngWidth = (base64: string) => {
    const bytes = Buffer.from(base64, 'base64')
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    return bytes.readUInt32BE(16)
  }

  it.each(['统计 图', '统计 本月 图', '考勤 图'])('GIVEN the street secretary types %s in the street group THEN a phone-sized PNG arrives privately', async (text) => {
    const replies = await street.groups.street.replies(street.people.streetSecretary, text)
    const [note, chart] = replies
    expect(note!.text).toContain('私信你')
    expect(note!.mentionIds).toEqual([street.people.streetSecretary.contactId])
    expect(chart!.privateTo).toBe(street.people.streetSecretary.contactId)
    expect(chart!.file!.name).toMatch(/^外滩街道党委-.*\.png$/)
    expect(pngWidth(chart!.file!.base64)).toBeGreaterThanOrEqual(1080)
  })

  it('GIVEN the branch secretary types 党费情况 图 THEN a PNG of the collection comes privately, and no amount in the group', async () => {
    const replies = await street.groups.first.replies(street.people.first, '党费情况 图')
    const [note, chart] = replies
    expect(note!.text).toContain('私信你')
    expect(note!.text).not.toMatch(/\d+\.\d\d/)
    expect(chart!.privateTo).toBe(street.people.first.contactId)
    expect(chart!.file!.name).toMatch(/党费情况.*\.png$/)
    expect(pngWidth(chart!.file!.base64)).toBeGreaterThanOrEqual(1080)
  })

  it('GIVEN a plain member types 统计 图 THEN 无权 and no picture', async () => {
    const replies = await street.groups.first.replies(street.people.member, '统计 图')
    expect(replies).toHaveLength(1)
    expect(replies[0]!.text).toContain('无权')
  })
})
