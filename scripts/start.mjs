// `npm start`: one node process does what `prestart` and `start` did in three (the build check,
// the migration runner, the bot): compile when a source changed since the last build, bring the
// database up to the committed migrations, then run the compiled bot (dist/src/main.js). Each
// extra node process cost 0.15–0.2 s of CPU before the bot could even begin to load.
// A process manager may still run `node scripts/setup-db.mjs migrate` then `node dist/src/main.js`.
import { build, isStale } from './build.mjs'
import { migrateDatabase } from './setup-db.mjs'

if (isStale()) build()
await migrateDatabase()
await import('../dist/src/main.js')
