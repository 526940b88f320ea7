import { createInterface } from 'node:readline'
import { types } from 'wechaty'
import { createSimulatorServer, listen } from '../../src/chat/simulator/http-server.js'
import { Simulator } from '../../src/chat/simulator/simulator.js'
import { systemClock } from '../../src/clock.js'
import { silentLogger } from '../../src/logger.js'

/**
 * A puppet service the fault test can kill: one simulated account (its world in PUPPET_STATE_FILE,
 * so it survives a restart) served by wechaty-puppet-service's PuppetServer on a fixed endpoint and
 * token, and the simulator's JSON API on PUPPET_HTTP_PORT. Prints `ready` when both listen.
 * A line `{"redeliver":{"id","roomId","from","text","timestamp"}}` on stdin delivers a message
 * again with the id it had, as a protocol does when it replays after a reconnect.
 */
const env = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is required`)
  return value
}
const name: string = 'wechaty-puppet-service'
const { PuppetServer } = (await import(name)) as {
  PuppetServer: new (options: { endpoint: string; token: string; puppet: unknown; tls: { disable: boolean } }) => { start(): Promise<void> }
}
const sim = new Simulator(systemClock, '支部助手', env('PUPPET_STATE_FILE'))
await sim.puppet.start()
sim.mocker.login(sim.mocker.ContactMock.load(sim.botContact.id))
const server = new PuppetServer({ endpoint: env('PUPPET_ENDPOINT'), token: env('PUPPET_TOKEN'), puppet: sim.puppet, tls: { disable: true } })
await server.start()
await listen(createSimulatorServer(sim, { isReady: () => true, logger: silentLogger }), '127.0.0.1', Number(env('PUPPET_HTTP_PORT')))
console.log('ready')

createInterface({ input: process.stdin }).on('line', (line) => {
  const { redeliver } = JSON.parse(line) as { redeliver: { id: string; roomId: string; from: string; text: string; timestamp: number } }
  const { id, roomId, from, text, timestamp } = redeliver
  sim.mocker.MessageMock.create({ id, talkerId: from, roomId, mentionIdList: [], text, timestamp, type: types.Message.Text })
  sim.puppet.emit('message', { messageId: id })
})
