/** A REST answer before it is written: status, JSON body (none for 204) and extra headers. */
export interface ApiReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Path = readonly (string | number)[];

/** An error Discord would answer with; DiscordAPIError in discord.js reads `code`, `message` and `errors`. */
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }

  toReply(): ApiReply {
    const body = { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
    return { status: this.status, body };
  }
}

export const apiErrors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new DiscordApiError(405, 0, '405: Method Not Allowed'),
  unknownApplication: () => new DiscordApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new DiscordApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordApiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new DiscordApiError(404, 10008, 'Unknown Message'),
  unknownUser: () => new DiscordApiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new DiscordApiError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordApiError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => new DiscordApiError(404, 10063, 'Unknown application command'),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new DiscordApiError(403, 50001, 'Missing Access'),
  emptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
  missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
  invalidWebhookToken: () => new DiscordApiError(401, 50027, 'Invalid Webhook Token'),
};

/** Collects field errors in Discord's nested `errors` shape: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
export class FormErrors {
  private readonly root: { tree: Record<string, unknown>; count: number };

  constructor(
    private readonly prefix: Path = [],
    root?: { tree: Record<string, unknown>; count: number },
  ) {
    this.root = root ?? { tree: {}, count: 0 };
  }

  get tree(): Record<string, unknown> {
    return this.root.tree;
  }

  /** The same collection, with every path below `path`. */
  scoped(path: Path): FormErrors {
    return new FormErrors([...this.prefix, ...path], this.root);
  }

  add(path: Path, code: string, message: string): void {
    let node = this.root.tree;
    for (const key of [...this.prefix, ...path]) {
      node[String(key)] ??= {};
      node = node[String(key)] as Record<string, unknown>;
    }
    node._errors ??= [];
    (node._errors as { code: string; message: string }[]).push({ code, message });
    this.root.count += 1;
  }

  maxLength(path: Path, max: number): void {
    this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  badLength(path: Path, min: number, max: number): void {
    this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }

  required(path: Path): void {
    this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  }

  get isEmpty(): boolean {
    return this.root.count === 0;
  }

  throwIfAny(): void {
    if (!this.isEmpty) throw new DiscordApiError(400, 50035, 'Invalid Form Body', this.tree);
  }
}
