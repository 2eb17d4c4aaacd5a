/** Environment values as the caller read them (config.ts is the only reader of process.env). */
export type EnvValues = Readonly<Record<string, string | undefined>>;

export type SubstituteEnvResult = { ok: true; value: string } | { ok: false; missing: string[] };

const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` and `${NAME:-default}` (default used when NAME is unset or empty, as in a shell);
 * `$${` stays a literal `${`. Names without a value and without a default are reported, not blanked.
 */
export function substituteEnv(text: string, env: EnvValues): SubstituteEnvResult {
  const missing: string[] = [];
  const value = text.replace(reference, (match, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '${';
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    if (found !== undefined) return found;
    missing.push(name);
    return match;
  });
  return missing.length > 0 ? { ok: false, missing } : { ok: true, value };
}
