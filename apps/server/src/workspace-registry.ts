import type { WorkspaceDefinition } from './workspace/index.ts';

/** Workspaces loaded from code at start-up, by database id. */
export interface LoadedWorkspace {
  id: string;
  slug: string;
  definition: WorkspaceDefinition;
}

export interface WorkspaceRegistry {
  get(id: string): LoadedWorkspace | undefined;
  bySlug(slug: string): LoadedWorkspace | undefined;
  all(): LoadedWorkspace[];
  set(ws: LoadedWorkspace): void;
}

export function createWorkspaceRegistry(): WorkspaceRegistry {
  const byId = new Map<string, LoadedWorkspace>();
  return {
    get: (id) => byId.get(id),
    bySlug: (slug) => [...byId.values()].find((w) => w.slug === slug),
    all: () => [...byId.values()],
    set: (ws) => void byId.set(ws.id, ws),
  };
}
