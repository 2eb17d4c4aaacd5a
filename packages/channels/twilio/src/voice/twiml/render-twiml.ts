/**
 * A TwiML document as a tree, serialized the way Twilio's helper libraries write it: the XML
 * declaration, attributes in the order given, empty elements self-closed (`<Hangup/>`). Text and
 * attribute values are escaped, and characters XML 1.0 cannot carry are dropped, so a reply
 * containing `<script>`, `&` or quotes is spoken as written and never breaks the document.
 */
export interface TwimlElement {
  name: string;
  /** In document order; `undefined` values are left out. */
  attributes?: Readonly<Record<string, string | number | boolean | undefined>>;
  children?: readonly TwimlNode[];
}
export type TwimlNode = TwimlElement | string;

const declaration = '<?xml version="1.0" encoding="UTF-8"?>';

export function renderTwiml(root: TwimlElement): string {
  return declaration + renderElement(root);
}

export function twimlElement(name: string, attributes: TwimlElement['attributes'] = {}, children: readonly TwimlNode[] = []): TwimlElement {
  return { name, attributes, children };
}

function renderElement(el: TwimlElement): string {
  let attrs = '';
  for (const [key, value] of Object.entries(el.attributes ?? {})) {
    if (value === undefined) continue;
    attrs += ` ${key}="${escapeXmlAttribute(String(value))}"`;
  }
  const children = el.children ?? [];
  if (children.length === 0) return `<${el.name}${attrs}/>`;
  const inner = children.map((child) => (typeof child === 'string' ? escapeXmlText(child) : renderElement(child))).join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

export function escapeXmlText(text: string): string {
  return withoutInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(value: string): string {
  // Tabs and line breaks are written as references: a parser would otherwise normalize them to spaces.
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
}

/** Drops what XML 1.0's Char production excludes: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
function withoutInvalidXmlChars(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const valid =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (valid) out += char;
  }
  return out;
}
