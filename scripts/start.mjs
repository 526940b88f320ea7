// `npm start`: one node process does what `prestart` and `start` did in three (the build check,
// the migration runner, the bot): compile when a source changed since the last build, bring the
// database up to the committed migrations, then run the compiled bot (dist/src/main.js). Each
// extra node process cost 0.15–0.2 s of CPU before the bot could even begin to load.
// A process manager may still run `node scripts/setup-db.mjs migrate` then
// `node --optimize-for-size dist/src/main.js`. The flag (package.json's start has it too) makes
// V8 size its heap as it does when memory is short (its conservative growing mode: little room
// above the live objects), so a bot holding some 40 MB of live objects stays near 190 MB RSS
// through 110,000 messages rather than wandering between 250 and 350 MB. The price is CPU: about
// 40% more per message at full load (a fifth fewer messages a second), which a branch group's few
// messages a minute never notice. Drop the flag where memory is plentiful and load is high.
import { build, isStale } from './build.mjs'
import { migrateDatabase } from './setup-db.mjs'

if (isStale()) build()
await migrateDatabase()
await import('../dist/src/main.js')
