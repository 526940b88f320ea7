// Types for scripts/migrate-sqlite.mjs, so the TypeScript tests can call the same runner as `npm start`.
export declare const SQLITE_MIGRATIONS: string
export declare function committedSqliteMigrations(folder?: string): { name: string; sql: string; checksum: string }[]
export declare function migrateSqlite(file: string, options?: { folder?: string; log?: (line: string) => void }): string[]
