import sqlite3 from 'sqlite3';

/**
 * A connection of its own (as another process would have) holding `BEGIN EXCLUSIVE` on a SQLite file, so tests can
 * see what the store does while the file is locked. Not through openKeyv: it shares one connection per file within
 * a process, so a lock taken there would be our own.
 */
export async function holdExclusiveLock(file: string): Promise<{ release(): Promise<void> }> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
  });
  const run = (sql: string) =>
    new Promise<void>((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
  await run('BEGIN EXCLUSIVE');
  return {
    async release() {
      await run('COMMIT');
      await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
