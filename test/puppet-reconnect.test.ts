import { describe, expect, it } from 'vitest'
import { isConnectionLoss } from '../src/chat/puppet-reconnect.js'
import { isStorageFailure } from '../src/db/storage-failure.js'

/** A gRPC status error as @grpc/grpc-js rejects a call with when the puppet service is gone. */
const unavailable = Object.assign(new Error('14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:8788'), { code: 14, details: 'No connection established', metadata: {} })

describe('what a lost puppet service looks like', () => {
  it.each([
    ['a gRPC UNAVAILABLE status', unavailable, true],
    ['the event stream dropped (as Wechaty passes it on)', new Error('# UNAVAILABLE: Connection dropped'), true],
    ['the puppet watchdog giving up', new Error('WatchdogAgent reset: lastFood: "{}"'), true],
    ['a message Wechaty could not find', new Error('message not found for id: abc'), false],
    ['a room that is gone', new Error('room r1 not found'), false],
  ])('%s → reconnect: %s', (_, error, expected) => {
    expect(isConnectionLoss(error)).toBe(expected)
  })

  it('a gRPC status naming ECONNREFUSED is not taken for the database failing', () => {
    expect(isStorageFailure(unavailable)).toBe(false)
    expect(isStorageFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true)
  })
})
