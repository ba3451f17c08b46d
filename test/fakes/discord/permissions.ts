import { type APIOverwrite, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';

const FLAGS = PermissionFlagsBits;

export const ALL_PERMISSIONS = Object.values(FLAGS).reduce((all, flag) => all | flag, 0n);

/** What @everyone holds in a freshly made server (no Administrator, so overwrites matter). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  FLAGS.ViewChannel |
  FLAGS.SendMessages |
  FLAGS.SendMessagesInThreads |
  FLAGS.CreatePublicThreads |
  FLAGS.EmbedLinks |
  FLAGS.AttachFiles |
  FLAGS.AddReactions |
  FLAGS.UseExternalEmojis |
  FLAGS.ReadMessageHistory |
  FLAGS.UseApplicationCommands |
  FLAGS.ChangeNickname |
  FLAGS.Connect |
  FLAGS.Speak;

export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  userId: string;
  /** Guild-level permissions of @everyone plus the member's roles. */
  base: bigint;
  roleIds: readonly string[];
}

/** Discord's algorithm: owner and Administrator see all; then @everyone, role and member overwrites in order. */
export function channelPermissions(subject: PermissionSubject, overwrites: readonly APIOverwrite[]): bigint {
  if (subject.userId === subject.ownerId || (subject.base & FLAGS.Administrator) !== 0n)
    return ALL_PERMISSIONS;
  let permissions = subject.base;
  const everyone = overwrites.find((o) => o.id === subject.guildId);
  if (everyone) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type !== OverwriteType.Role || !subject.roleIds.includes(overwrite.id)) continue;
    roleAllow |= BigInt(overwrite.allow);
    roleDeny |= BigInt(overwrite.deny);
  }
  permissions = (permissions & ~roleDeny) | roleAllow;
  const member = overwrites.find((o) => o.type === OverwriteType.Member && o.id === subject.userId);
  if (member) permissions = (permissions & ~BigInt(member.deny)) | BigInt(member.allow);
  // Without View Channel, nothing else in the channel applies.
  return (permissions & FLAGS.ViewChannel) === 0n ? 0n : permissions;
}

export function has(permissions: bigint, flag: bigint): boolean {
  return (permissions & flag) === flag;
}
