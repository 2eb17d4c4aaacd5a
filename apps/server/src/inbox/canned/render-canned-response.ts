/** What a canned response's variables read from. */
export interface CannedVariables {
  contact: { name: string | null; email: string | null; phone: string | null; attributes: Record<string, unknown> };
  agent: { name: string | null };
  workspace: { name: string };
}

export interface RenderedCanned {
  text: string;
  /** Variables left as written: unknown, or known but empty for this contact (the agent fills them in). */
  missing: string[];
}

const variablePattern = /\{\{\s*([A-Za-z][\w.-]*)\s*\}\}/g;

/**
 * Fills {{contact.name}}, {{contact.firstName}}, {{contact.email}}, {{contact.phone}},
 * {{contact.attributes.<key>}}, {{agent.name}}, {{agent.firstName}} and {{workspace.name}}. A variable
 * with no value here stays in the text exactly as written, so the agent sees it before sending, and is
 * listed in `missing`. Pure.
 */
export function renderCannedResponse(body: string, vars: CannedVariables): RenderedCanned {
  const missing: string[] = [];
  const text = body.replace(variablePattern, (whole, name: string) => {
    const value = valueOf(name, vars);
    if (value !== null && value !== '') return value;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text, missing };
}

function valueOf(name: string, vars: CannedVariables): string | null {
  switch (name) {
    case 'contact.name':
      return vars.contact.name;
    case 'contact.firstName':
      return firstName(vars.contact.name);
    case 'contact.email':
      return vars.contact.email;
    case 'contact.phone':
      return vars.contact.phone;
    case 'agent.name':
      return vars.agent.name;
    case 'agent.firstName':
      return firstName(vars.agent.name);
    case 'workspace.name':
      return vars.workspace.name;
  }
  if (name.startsWith('contact.attributes.')) {
    const value = vars.contact.attributes[name.slice('contact.attributes.'.length)];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  }
  return null;
}

function firstName(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] ?? null;
}
