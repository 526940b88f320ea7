import { describe, expect, it } from 'vitest'
import { BackgroundWork } from './background-work.js'

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('BackgroundWork', () => {
  it('GIVEN work that starts more work THEN settled waits for both', async () => {
    const work = new BackgroundWork()
    const done: string[] = []
    work.start(async () => {
      await later(20)
      done.push('first')
      work.start(async () => {
        await later(20)
        done.push('second')
      }, () => undefined)
    }, () => undefined)
    await work.settled()
    expect(done).toEqual(['first', 'second'])
  })

  it('GIVEN work that fails THEN onError hears it and settled still resolves', async () => {
    const work = new BackgroundWork()
    const errors: unknown[] = []
    work.start(async () => {
      throw new Error('database down')
    }, (error) => errors.push(error))
    await work.settled()
    expect(errors).toEqual([new Error('database down')])
  })
})
