import { describe, expect, it } from 'vitest'
import { destinationOf, type Reply } from './reply.js'
import type { Conversation } from './port.js'

describe('destinationOf: where a reply goes', () => {
  const privately: Conversation = { kind: 'private', contactId: 'wx_wang' }
  const group: Conversation = { kind: 'group', roomId: 'room1' }
  it.each<[string, Reply, Conversation, Conversation]>([
    ['an answer goes back to the group', { text: 'a' }, group, group],
    ['an answer goes back to the private chat', { text: 'a' }, privately, privately],
    ['privateTo goes to that person', { text: 'a', privateTo: 'wx_li' }, group, { kind: 'private', contactId: 'wx_li' }],
    ['toRoom (a 通知 sent privately) goes to that group', { text: 'a', toRoom: 'room2' }, privately, { kind: 'group', roomId: 'room2' }],
  ])('%s', (_case, reply, from, expected) => {
    expect(destinationOf(reply, from)).toEqual(expected)
  })
})
