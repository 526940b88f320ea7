import { createSqlite } from '../test/support/database.js'
const { db, close } = await createSqlite()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
let outside: Promise<unknown> | undefined
const t0 = Date.now()
await db.$transaction(async (tx) => {
  await tx.seenMessage.create({ data: { id: 'inside', seenAt: new Date() } as never })
  outside = db.seenMessage.create({ data: { id: 'outside', seenAt: new Date() } as never }).then(() => console.log('outside done at', Date.now() - t0))
  const reader = db.seenMessage.count().then((n) => console.log('outside read', n, 'at', Date.now() - t0))
  await sleep(50)
  console.log('throwing at', Date.now() - t0)
  throw new Error('roll back')
}).catch((e) => console.log('tx:', (e as Error).message))
await outside
console.log('rows:', await db.seenMessage.findMany())
await close()
