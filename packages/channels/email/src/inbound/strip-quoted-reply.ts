/**
 * The part of an e-mail the customer wrote this time: mail clients append the whole earlier thread
 * ("On ... wrote:" and `>` lines, Outlook's "-----Original Message-----" header block) and a signature.
 * Agents and the bot should see the new words only; the full original is kept beside the message.
 * Forwarded mail is left alone: what the customer forwards is what they want us to read.
 */
export interface StrippedReply {
  text: string;
  /** Whether anything was cut (then the shown text differs from the original body). */
  trimmed: boolean;
}

// Attribution lines in the languages Fio serves first (pt, en, es) plus French, Gmail and Apple style.
const attribution = [
  /^\s*On\b.{0,300}\bwrote:?\s*$/i,
  /^\s*Em\b.{0,300}\bescreveu:?\s*$/i,
  /^\s*El\b.{0,300}\bescribió:?\s*$/i,
  /^\s*Le\b.{0,300}\ba écrit\s*:?\s*$/i,
];

const originalMessageMarker = /^\s*-{2,}\s*(Original Message|Mensagem original|Mensaje original|Message d'origine)\s*-{2,}\s*$/i;
const outlookSeparator = /^\s*_{10,}\s*$/;
const headerStart = /^\s*\*?(From|De|Von)\s*:\*?\s/i;
const headerFollow = /^\s*\*?(Sent|Date|To|Subject|Enviad[ao](\s+em)?|Data|Para|Assunto|Fecha|Asunto|Cc)\s*:/i;
const forwardedMarker = /^\s*-{2,}\s*(Forwarded message|Mensagem encaminhada|Mensaje reenviado|Message transféré)\s*-{2,}\s*$/i;
const signatureDelimiter = /^-- ?$/;
const mobileSignature =
  /^\s*(Sent from my\b|Sent from (Mail|Outlook|Yahoo)\b|Get Outlook for\b|Enviado (do|de|desde) (meu|mi|o)\b|Enviado a partir d[oe]\b|Obter o Outlook\b|Obtener Outlook\b|Envoyé de mon\b)/i;

export function stripQuotedReply(body: string): StrippedReply {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const cut = findCut(lines);
  const kept = (cut === -1 ? lines : lines.slice(0, cut)).filter((line) => !/^\s*>/.test(line));
  const text = kept.join('\n').trim();
  const original = body.replace(/\r\n?/g, '\n').trim();
  // A message that is all quote (a bare forward of a reply, an empty reply) shows its original.
  if (text.length === 0) return { text: original, trimmed: false };
  return { text, trimmed: text !== original };
}

/** The first line index where the quoted thread or the signature starts, or -1. */
function findCut(lines: string[]): number {
  let forwarded = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    if (forwardedMarker.test(line)) forwarded = true;
    if (forwarded) continue;
    if (signatureDelimiter.test(line) || mobileSignature.test(line) || originalMessageMarker.test(line)) return i;
    if (attribution.some((re) => re.test(line))) return i;
    // Gmail wraps long attribution lines: "On Tue, 3 Mar 2026 at 10:00, Maria\n<maria@x> wrote:".
    if (line.trim() !== '' && attribution.some((re) => re.test(`${line} ${next}`)) && !attribution.some((re) => re.test(next))) {
      if (/^\s*(On|Em|El|Le)\b/i.test(line)) return i;
    }
    if (outlookSeparator.test(line) && headerStart.test(lines[i + 1] ?? '')) return i;
    if (headerStart.test(line) && isHeaderBlock(lines, i)) return i;
  }
  return -1;
}

/** "From: ..." followed within a few lines by "Sent:"/"Enviado em:"/"Fecha:" and the like. */
function isHeaderBlock(lines: string[], start: number): boolean {
  for (let j = start + 1; j < Math.min(lines.length, start + 5); j++) {
    if (headerFollow.test(lines[j] ?? '')) return true;
  }
  return false;
}
