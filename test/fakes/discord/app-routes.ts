import { apiErrors, FormErrors } from './api-error.ts';
import type { FakeContext } from './context.ts';
import { checkCommands } from './interaction-rules.ts';
import { isRecord } from './message-rules.ts';
import { channelPayload, memberPayload, userPayload } from './payloads.ts';
import { type FakeRequest, json, noContent, param, type Route } from './router.ts';

function gatewayBot(ctx: FakeContext) {
  return json(200, {
    url: ctx.gatewayUrl(),
    shards: ctx.shards,
    // discord.js refuses to start when `remaining` is below its shard count.
    session_start_limit: ctx.identify.sessionStartLimit(),
  });
}

function application(ctx: FakeContext) {
  const bot = userPayload(ctx.world.bot);
  return json(200, {
    id: ctx.world.applicationId,
    name: ctx.world.bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: bot,
    team: null,
    bot,
    approximate_guild_count: ctx.world.guilds.size,
    redirect_uris: [],
    interactions_endpoint_url: null,
    tags: [],
  });
}

/** The scope of a command route: a guild id the fake knows, or null for global commands. */
function scope(ctx: FakeContext, request: FakeRequest): string | null {
  if (param(request, 'appId') !== ctx.world.applicationId) throw apiErrors.unknownApplication();
  const guildId = request.params.guildId;
  if (guildId === undefined) return null;
  if (!ctx.world.guilds.has(guildId)) throw apiErrors.missingAccess();
  return guildId;
}

function putCommands(ctx: FakeContext, request: FakeRequest) {
  const guildId = scope(ctx, request);
  const errors = new FormErrors();
  checkCommands(request.body, errors);
  errors.throwIfAny();
  return json(200, ctx.commands.put(guildId, request.body as unknown[]));
}

function postCommand(ctx: FakeContext, request: FakeRequest) {
  const guildId = scope(ctx, request);
  const errors = new FormErrors();
  checkCommands([request.body], errors);
  errors.throwIfAny();
  return json(201, ctx.commands.upsert(guildId, isRecord(request.body) ? request.body : {}));
}

function deleteCommand(ctx: FakeContext, request: FakeRequest) {
  if (!ctx.commands.remove(scope(ctx, request), param(request, 'commandId')))
    throw apiErrors.unknownCommand();
  return noContent();
}

function guild(ctx: FakeContext, request: FakeRequest) {
  const found = ctx.world.guilds.get(param(request, 'guildId'));
  if (!found) throw apiErrors.unknownGuild();
  return found;
}

function guildRoutes(ctx: FakeContext): Route[] {
  const channels = (request: FakeRequest) =>
    guild(ctx, request)
      .channelIds.map((id) => ctx.world.requireChannel(id))
      .filter((channel) => !channel.deleted)
      .map(channelPayload);
  const member = (request: FakeRequest) => {
    const found = guild(ctx, request);
    if (param(request, 'userId') !== ctx.world.bot.id) throw apiErrors.unknownMember();
    return memberPayload(ctx.world.bot, found.joinedAt);
  };
  return [
    {
      method: 'GET',
      pattern: '/guilds/:guildId/channels',
      auth: true,
      handler: (r) => json(200, channels(r)),
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/members/:userId',
      auth: true,
      handler: (r) => json(200, member(r)),
    },
  ];
}

export function appRoutes(ctx: FakeContext): Route[] {
  const app = '/applications/:appId';
  const bot = (method: string, pattern: string, handler: Route['handler']): Route => ({
    method,
    pattern,
    auth: true,
    handler,
  });
  return [
    bot('GET', '/gateway/bot', () => gatewayBot(ctx)),
    { method: 'GET', pattern: '/gateway', auth: false, handler: () => json(200, { url: ctx.gatewayUrl() }) },
    bot('GET', '/applications/@me', () => application(ctx)),
    bot('GET', '/oauth2/applications/@me', () => application(ctx)),
    bot('GET', '/users/@me', () => json(200, userPayload(ctx.world.bot))),
    bot('PUT', `${app}/commands`, (r) => putCommands(ctx, r)),
    bot('GET', `${app}/commands`, (r) => json(200, ctx.commands.list(scope(ctx, r)))),
    bot('POST', `${app}/commands`, (r) => postCommand(ctx, r)),
    bot('DELETE', `${app}/commands/:commandId`, (r) => deleteCommand(ctx, r)),
    bot('PUT', `${app}/guilds/:guildId/commands`, (r) => putCommands(ctx, r)),
    bot('GET', `${app}/guilds/:guildId/commands`, (r) => json(200, ctx.commands.list(scope(ctx, r)))),
    bot('POST', `${app}/guilds/:guildId/commands`, (r) => postCommand(ctx, r)),
    bot('DELETE', `${app}/guilds/:guildId/commands/:commandId`, (r) => deleteCommand(ctx, r)),
    ...guildRoutes(ctx),
  ];
}
