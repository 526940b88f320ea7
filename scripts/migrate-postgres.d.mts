// Types for scripts/migrate-postgres.mjs, so the TypeScript tests can call the same runner as `npm start`.
export declare const POSTGRES_MIGRATIONS: string
export declare function committedMigrations(folder?: string): { name: string; sql: string; checksum: string }[]
export declare function splitSchema(url: string): { connectionString: string; schema: string }
export declare function migratePostgres(url: string, options?: { folder?: string; log?: (line: string) => void }): Promise<string[]>
