import { readFile as readFileFromDisk } from 'node:fs/promises';
import { z } from 'zod';
import { parseAllowedHost } from '../../core/allowed-host.ts';
import { UserFacingError } from '../../core/errors.ts';

/**
 * Which feeds to poll. NEWS_FEEDS lists plain URLs; NEWS_FEEDS_FILE optionally names a JSON file that adds feeds or
 * gives one a name and the source's own disclaimer wording:
 *
 *   [
 *     "https://news.example/feed",
 *     { "url": "https://other.example/rss", "name": "Other Daily", "disclaimer": "Other Daily's own words." }
 *   ]
 *
 * A JSON file, not a `url|disclaimer` form in NEWS_FEEDS, because disclaimers contain the commas and spaces that
 * separate NEWS_FEEDS entries.
 */
export interface FeedDefinition {
  readonly url: string;
  /** Overrides the feed's own title as the articles' source name. */
  readonly name: string | null;
  /** The source's own disclaimer, used when an article page carries none. */
  readonly disclaimer: string | null;
  /**
   * Hosts (besides the feed's own site) whose story URLs this feed speaks for: its items linking there are filed
   * under the URL's own id. Items linking anywhere else are stored as this feed's own articles.
   */
  readonly hosts?: readonly string[];
}

/** A feed speaks for a handful of sites at most; a longer list is a mistake, not a configuration. */
const MAX_FEED_HOSTS = 20;
/** A story host as FETCH_ALLOW_HOSTS writes one; a URL or a path here would silently never match. */
const siteHost = z
  .string()
  .trim()
  .refine((entry) => parseAllowedHost(entry) !== null, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a host or host:port; write e.g. www.example.org (no scheme, no path)`,
  });
const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) feed URL' });
const EntrySchema = z.union([
  httpUrl,
  z.object({
    url: httpUrl,
    name: z.string().trim().min(1).optional(),
    disclaimer: z.string().trim().min(1).optional(),
    hosts: z.array(siteHost).max(MAX_FEED_HOSTS).optional(),
  }),
]);
const FileSchema = z.array(EntrySchema, {
  message: 'expected a JSON array of feed URLs or {url, name?, disclaimer?, hosts?}',
});

const plain = (url: string): FeedDefinition => ({ url, name: null, disclaimer: null });

/** Merges NEWS_FEEDS URLs with the file's entries; a file entry for the same URL adds its name and disclaimer. */
export function mergeFeedDefinitions(
  urls: readonly string[],
  entries: z.infer<typeof FileSchema>,
): FeedDefinition[] {
  const byUrl = new Map<string, FeedDefinition>(urls.map((url) => [url, plain(url)]));
  for (const entry of entries) {
    const definition =
      typeof entry === 'string'
        ? plain(entry)
        : {
            url: entry.url,
            name: entry.name ?? null,
            disclaimer: entry.disclaimer ?? null,
            ...(entry.hosts ? { hosts: entry.hosts } : {}),
          };
    byUrl.set(definition.url, definition);
  }
  return [...byUrl.values()];
}

export function parseFeedsFile(text: string, path: string): z.infer<typeof FileSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserFacingError(
      `NEWS_FEEDS_FILE ${path} is not valid JSON: ${(error as Error).message}`,
      'bad-feeds-file',
    );
  }
  const result = FileSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `entry ${issue.path.join('.') || '(top)'}: ${issue.message}`,
  );
  throw new UserFacingError(`NEWS_FEEDS_FILE ${path}: ${problems.join('; ')}`, 'bad-feeds-file');
}

/** The feeds to poll, from NEWS_FEEDS and (when set) NEWS_FEEDS_FILE. */
export async function loadFeedDefinitions(
  urls: readonly string[],
  file: string | undefined,
  readFile: (path: string) => Promise<string> = (path) => readFileFromDisk(path, 'utf8'),
): Promise<FeedDefinition[]> {
  if (!file) return urls.map(plain);
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    throw new UserFacingError(
      `NEWS_FEEDS_FILE ${file} cannot be read: ${(error as Error).message}`,
      'bad-feeds-file',
    );
  }
  return mergeFeedDefinitions(urls, parseFeedsFile(text, file));
}
