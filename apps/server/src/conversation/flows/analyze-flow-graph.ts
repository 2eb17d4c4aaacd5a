import type { FlowDefinition, FlowStep } from './flow-definition.ts';

/**
 * What the flow's step graph says before it runs: which steps can be reached from the first, which
 * slots (and `mapData` names) may have a value when each step starts, and the loops that never stop
 * to wait for the customer. "May" on purpose: a template naming a slot that no path could have
 * filled is a typo; one filled on some paths renders empty on the others, which the author chose.
 */
export interface FlowGraphAnalysis {
  reachable: ReadonlySet<string>;
  /** Step id → `slot:NAME` and `data:NAME` entries that may be set when the step starts. */
  knownBefore: ReadonlyMap<string, ReadonlySet<string>>;
  /** Each loop of steps that never waits for the customer, as step ids in order. */
  waitFreeCycles: string[][];
}

interface Edge {
  to: string;
  sets: readonly string[];
}

export function analyzeFlowGraph(flow: Pick<FlowDefinition, 'steps'>): FlowGraphAnalysis {
  const byId = new Map(flow.steps.map((step) => [step.id, step]));
  const edges = new Map(flow.steps.map((step) => [step.id, edgesOf(step).filter((edge) => byId.has(edge.to))]));
  const knownBefore = new Map<string, Set<string>>();
  const first = flow.steps[0];
  if (first) knownBefore.set(first.id, new Set());

  // Sets only grow and are bounded by the names the flow mentions, so this reaches a fixed point.
  const pending = first ? [first.id] : [];
  while (pending.length > 0) {
    const id = pending.pop() ?? '';
    const known = knownBefore.get(id) ?? new Set<string>();
    for (const edge of edges.get(id) ?? []) {
      const target = knownBefore.get(edge.to);
      const incoming = [...known, ...edge.sets];
      if (!target) {
        knownBefore.set(edge.to, new Set(incoming));
        pending.push(edge.to);
      } else if (incoming.some((name) => !target.has(name))) {
        for (const name of incoming) target.add(name);
        pending.push(edge.to);
      }
    }
  }

  return { reachable: new Set(knownBefore.keys()), knownBefore, waitFreeCycles: findWaitFreeCycles(flow.steps, edges) };
}

function edgesOf(step: FlowStep): Edge[] {
  const to = (target: string | null, sets: readonly string[] = []): Edge[] => (target === null ? [] : [{ to: target, sets }]);
  switch (step.kind) {
    case 'say':
      return to(step.next);
    case 'ask':
      return [...to(step.next, [`slot:${step.slot}`]), ...to(step.onFail)];
    case 'choose': {
      const filled = [`slot:${step.slot}`];
      const optionEdges = step.options.flatMap((option) => to(option.next ?? step.next, filled));
      const defaultEdge = step.optionsFrom ? to(step.next, filled) : [];
      return [...optionEdges, ...defaultEdge, ...to(step.onFail)];
    }
    case 'branch': {
      const hasElse = step.rules.some((rule) => rule.when === undefined);
      return [...step.rules.flatMap((rule) => to(rule.next)), ...(hasElse ? [] : to(step.fallthrough))];
    }
    case 'call': {
      const sets = [...Object.keys(step.map).map((name) => `slot:${name}`), ...Object.keys(step.mapData).map((name) => `data:${name}`)];
      return [...to(step.next, sets), ...to(step.onError), ...to(step.onNotFound)];
    }
    case 'set':
      return to(
        step.next,
        Object.keys(step.slots).map((name) => `slot:${name}`),
      );
    case 'verify':
      return [...to(step.next), ...to(step.onFail)];
    case 'handoff':
    case 'end':
      return [];
  }
}

/** Strongly connected groups (Tarjan) of the steps that do not wait, with more than one step or a self-loop. */
function findWaitFreeCycles(steps: readonly FlowStep[], edges: ReadonlyMap<string, Edge[]>): string[][] {
  const waits = (step: FlowStep): boolean => step.kind === 'ask' || step.kind === 'choose' || step.kind === 'verify';
  const waitFree = new Set(steps.filter((step) => !waits(step)).map((step) => step.id));
  const successors = (id: string): string[] => (edges.get(id) ?? []).map((edge) => edge.to).filter((to) => waitFree.has(to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
    for (const next of successors(id)) {
      if (!index.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(id, Math.min(low.get(id) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== id);
    if (group.length > 1 || successors(id).includes(id)) {
      const order = steps.map((step) => step.id);
      cycles.push(group.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    }
  };

  for (const step of steps) if (waitFree.has(step.id) && !index.has(step.id)) visit(step.id);
  return cycles;
}
