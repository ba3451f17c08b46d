import type Keyv from 'keyv';
import { newestIdFirst, REPORT_KEY_PREFIX, type Report } from '../../answer/reports.ts';
import { namespacePages } from '../../store/entries.ts';

/**
 * The newest `limit` reports (of one server, or all), newest first, read a page at a time: however many reports
 * the store holds, at most twice `limit` are in memory at once.
 */
export async function newestReports(
  keyv: Keyv,
  options: { readonly guildId?: string | undefined; readonly limit: number },
): Promise<{ reports: Report[]; seen: number }> {
  let kept: Report[] = [];
  let seen = 0;
  const trim = () => {
    kept.sort((a, b) => newestIdFirst(a.id, b.id));
    kept = kept.slice(0, options.limit);
  };
  for await (const page of namespacePages(keyv)) {
    for (const [key, value] of page) {
      if (!String(key).startsWith(REPORT_KEY_PREFIX) || !isReport(value)) continue;
      if (options.guildId !== undefined && value.guildId !== options.guildId) continue;
      seen++;
      kept.push(value);
      if (kept.length >= 2 * options.limit) trim();
    }
  }
  trim();
  return { reports: kept, seen };
}

function isReport(value: unknown): value is Report {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Partial<Report>;
  return typeof report.id === 'string' && typeof report.createdAt === 'string' && 'record' in report;
}
