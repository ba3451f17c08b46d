import type { APIInteraction } from 'discord-api-types/v10';
import type { StoredMessage } from './messages.ts';
import { type Notifier, waitUntil } from './notifier.ts';
import type {
  AckRecord,
  FakeInteraction,
  GatewayDelivery,
  Rejection,
  UserView,
  ViewMessage,
} from './types.ts';

export type InteractionKind = 'command' | 'autocomplete' | 'component' | 'modal';

const DEFAULT_WAIT_MS = 5000;

/** The fake's state for one interaction: what was dispatched and everything the bot did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionKind;
  payload: APIInteraction;
  guildId: string | null;
  channelId: string;
  createdAt: number;
  ack: AckRecord | null;
  ephemeral: boolean;
  /** Deferred (type 5) and not yet edited: the user sees "thinking…". */
  thinking: boolean;
  /** The message @original names: the reply, or for a component the message it sits on. */
  originalId: string | null;
  /** For components (and modals opened from one): the message the user clicked on. */
  componentMessageId: string | null;
  followUpIds: string[];
  edits: { at: number; body: unknown }[];
  choices: { name: string; value: string | number }[] | null;
  modal: unknown | null;
  rejections: Rejection[];
  /** Autocomplete: the option type of the focused option, so choice values can be type-checked. */
  focusedType: number | null;
  /** The session and shard INTERACTION_CREATE was sent on. */
  delivery: GatewayDelivery;
}

export interface InteractionStore {
  add(record: InteractionRecord): FakeInteraction;
  byId(id: string): InteractionRecord | undefined;
  byToken(token: string): InteractionRecord | undefined;
  all(): FakeInteraction[];
  /** The latest modal the bot opened with this custom_id (to answer in the same component shape). */
  latestModal(customId: string): Record<string, unknown> | undefined;
}

export function createInteractionStore(
  getMessage: (id: string) => StoredMessage | undefined,
  notifier: Notifier,
  maxInteractions: number,
): InteractionStore {
  const byId = new Map<string, { record: InteractionRecord; handle: FakeInteraction }>();
  const byToken = new Map<string, InteractionRecord>();

  const view = (record: InteractionRecord): UserView => structuredClone(buildView(record, getMessage));
  const handleFor = (record: InteractionRecord): FakeInteraction => ({
    id: record.id,
    token: record.token,
    payload: record.payload,
    delivery: record.delivery,
    view: () => view(record),
    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      waitUntil(
        notifier,
        // The predicate reads a live view (cheap on every change); the caller gets a copy.
        () => (predicate(buildView(record, getMessage)) ? view(record) : undefined),
        timeoutMs,
        () => `interaction ${record.id} to match; view now ${JSON.stringify(view(record))}`,
      ),
    waitForAck: (timeoutMs = DEFAULT_WAIT_MS) =>
      waitUntil(
        notifier,
        () => record.ack ?? undefined,
        timeoutMs,
        () =>
          `the acknowledgement of ${record.kind} ${record.id}; rejections ${JSON.stringify(record.rejections)}`,
      ),
  });

  return {
    add(record) {
      if (byId.size >= maxInteractions) {
        const oldest = byId.keys().next().value;
        if (oldest !== undefined) {
          byToken.delete(byId.get(oldest)?.record.token ?? '');
          byId.delete(oldest);
        }
      }
      const handle = handleFor(record);
      byId.set(record.id, { record, handle });
      byToken.set(record.token, record);
      return handle;
    },
    byId: (id) => byId.get(id)?.record,
    byToken: (token) => byToken.get(token),
    all: () => [...byId.values()].map((entry) => entry.handle),
    latestModal(customId) {
      const records = [...byId.values()].reverse();
      const found = records.find(({ record }) => {
        const modal = record.modal as { custom_id?: unknown } | null;
        return modal?.custom_id === customId;
      });
      return found?.record.modal as Record<string, unknown> | undefined;
    },
  };
}

function buildView(
  record: InteractionRecord,
  getMessage: (id: string) => StoredMessage | undefined,
): UserView {
  const original = record.originalId ? getMessage(record.originalId) : undefined;
  const followUps = record.followUpIds.flatMap((id) => {
    const message = getMessage(id);
    if (!message || message.deleted) return [];
    return [{ ...viewMessage(message), ephemeral: (message.flags & 64) !== 0 }];
  });
  return {
    ackType: record.ack?.type ?? null,
    ackAt: record.ack?.at ?? null,
    ephemeral: record.ephemeral,
    createdAt: record.createdAt,
    thinking: record.thinking,
    original: original && !original.deleted ? viewMessage(original) : null,
    followUps,
    edits: record.edits,
    choices: record.choices,
    modal: record.modal,
    rejections: record.rejections,
  };
}

function viewMessage(message: StoredMessage): ViewMessage {
  const { id, content, embeds, components, pings } = message;
  return { id, content, embeds, components, pings };
}
