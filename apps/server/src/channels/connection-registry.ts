import type { AnyChannelAdapter, ConnectionContext } from '@fio/channel-kit';
import type { ChannelCapabilities, ChannelType } from '@fio/contracts';

/** A channel connection ready to use: its adapter and its decrypted per-connection context. */
export interface ConnectionRuntime {
  id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  adapter: AnyChannelAdapter;
  ctx: ConnectionContext<unknown, unknown>;
  capabilities: ChannelCapabilities;
}

export interface ConnectionRegistry {
  get(id: string): ConnectionRuntime | undefined;
  all(): ConnectionRuntime[];
  set(runtime: ConnectionRuntime): void;
}

export function createConnectionRegistry(): ConnectionRegistry {
  const byId = new Map<string, ConnectionRuntime>();
  return {
    get: (id) => byId.get(id),
    all: () => [...byId.values()],
    set: (runtime) => void byId.set(runtime.id, runtime),
  };
}
