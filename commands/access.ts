import { UserFacingError } from '../src/core/errors.ts';
import { translate } from '../src/core/i18n/index.ts';
import type { CommandData, CommandRequest } from './types.ts';

/**
 * Manage Server, checked when the command runs: a registration's default permissions only hide a command, and a
 * server may open it to any role or member. A transport calls this before `execute` (Discord: after its
 * guild-only check, before any deferral), so a refusal is the member's first and only reply.
 */
export function refuseUnlessAllowed(data: CommandData, request: CommandRequest): void {
  const { manageServer } = data.access;
  if (!manageServer || request.mayManageServer) return;
  throw new UserFacingError(translate(request.locale, manageServer.refusal), 'missing-permission');
}
