// The database a caller wanted to find is not there: no SQLite file at the path, or a database (a SQLite
// file, a PostgreSQL database) that holds no isoplan tables because it was never migrated. Opening with
// `create: false` (src/store/database.ts) refuses so instead of creating and migrating an empty one: a
// mistyped DATABASE_URL is then told as such, and leaves nothing behind. The message names no location:
// the caller knows how to show it (the CLI masks a PostgreSQL password). `being-created`: a SQLite file
// another process is creating has not had its first migration done within the wait
// (src/store/sqlite-first-migration.ts): not there yet, rather than not an isoplan database.
const MESSAGES = {
  'no-file': 'there is no such file',
  'not-migrated': 'it holds no isoplan tables (it was never migrated)',
  'being-created': 'another process is creating it: its first migration is not done yet',
} as const;

export class DatabaseMissingError extends Error {
  override readonly name = 'DatabaseMissingError';
  constructor(readonly reason: keyof typeof MESSAGES) {
    super(MESSAGES[reason]);
  }
}
