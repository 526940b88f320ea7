import type { mock } from 'wechaty-puppet-mock'
import type * as PUPPET from 'wechaty-puppet'

/**
 * How many messages (the newest) each account's mocker keeps. Wechaty loads a message right
 * after the puppet announces it, so only messages still being handled are ever read back; the
 * bot quotes and recalls nothing. Thousands leave room for a backlog of hundreds in flight.
 */
export const MOCKER_MESSAGES_KEPT = 2_000

/**
 * wechaty-puppet-mock keeps every message said, in and out, for ever: its payload
 * (`cacheMessagePayload`), its MessageMock (the class's pool) and, for a file, the file
 * (`cacheFileBoxPayload`, base64). Each time a message is stored, the oldest beyond `kept` are
 * forgotten in all three (Maps keep insertion order: the first key is the oldest message).
 */
export function keepNewestMessages(mocker: mock.Mocker, kept = MOCKER_MESSAGES_KEPT): void {
  // `pool` is a protected static getter of the mocker's own MessageMock class (made on first use).
  const pool = Reflect.get(mocker.MessageMock, 'pool') as Map<string, unknown>
  const payloads = mocker.cacheMessagePayload
  const store = mocker.messagePayload.bind(mocker)
  mocker.messagePayload = function (id: string, payload?: PUPPET.payloads.Message) {
    if (!payload) return store(id)
    store(id, payload)
    while (payloads.size > kept) {
      const oldest = payloads.keys().next().value!
      payloads.delete(oldest)
      pool.delete(oldest)
      mocker.cacheFileBoxPayload.delete(oldest)
    }
  } as typeof mocker.messagePayload
}
