/**
 * A tiny strict XML 1.0 well-formedness checker for the JUnit tests (independent of the renderer's
 * escaping code): one root, matched tags, quoted unique attributes, only the five predefined entity
 * references or character references, no characters XML 1.0 forbids. Throws on the first problem.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, where: number): string {
  return s.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & near offset ${where}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const num = /^#x([0-9a-fA-F]+)$/.exec(body) ?? /^#([0-9]+)$/.exec(body);
    if (!num) throw new Error(`unknown entity &${body}; near offset ${where}`);
    const cp = parseInt(num[1]!, body.startsWith('#x') ? 16 : 10);
    checkChar(cp, where);
    return String.fromCodePoint(cp);
  });
}

function checkChar(cp: number, where: number): void {
  const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
  if (!ok) throw new Error(`character U+${cp.toString(16)} not allowed in XML 1.0 near offset ${where}`);
}

export function parseXml(src: string): XmlNode {
  for (let i = 0; i < src.length; i++) {
    const cp = src.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (cp >= 0xd800 && cp <= 0xdfff) throw new Error(`lone surrogate at ${i}`);
    checkChar(cp, i);
  }
  let i = 0;
  if (src.startsWith('<?xml')) i = src.indexOf('?>') + 2;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt === -1 ? src.length : lt);
    if (text.includes('>') && /\]\]>/.test(text)) throw new Error(`]]> in text at ${i}`);
    if (stack.length) stack[stack.length - 1]!.text += decode(text, i);
    else if (text.trim()) throw new Error(`text outside the root at ${i}`);
    if (lt === -1) break;
    i = lt;
    if (src.startsWith('</', i)) {
      const m = NAME.exec(src.slice(i + 2));
      const close = src.indexOf('>', i);
      const top = stack.pop();
      if (!m || !top || top.name !== m[0] || src.slice(i + 2 + m[0].length, close).trim()) throw new Error(`mismatched close tag at ${i}`);
      i = close + 1;
      continue;
    }
    if (src.startsWith('<!--', i)) { i = src.indexOf('-->', i) + 3; continue; }
    const m = NAME.exec(src.slice(i + 1));
    if (!m) throw new Error(`bad tag at ${i}`);
    const node: XmlNode = { name: m[0], attrs: {}, children: [], text: '' };
    i += 1 + m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i))![0];
      i += ws.length;
      if (src.startsWith('/>', i)) { i += 2; attach(node, true); break; }
      if (src[i] === '>') { i += 1; attach(node, false); break; }
      if (!ws) throw new Error(`expected whitespace before attribute at ${i}`);
      const a = /^([A-Za-z_:][\w.:-]*)="([^"<]*)"/.exec(src.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${src.slice(i, i + 30)}`);
      if (a[1]! in node.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      node.attrs[a[1]!] = decode(a[2]!, i);
      i += a[0].length;
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;

  function attach(node: XmlNode, selfClosing: boolean): void {
    if (stack.length) stack[stack.length - 1]!.children.push(node);
    else if (root) throw new Error('second root element');
    else root = node;
    if (!selfClosing) stack.push(node);
  }
}

export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => { if (n.name === name) out.push(n); n.children.forEach(walk); };
  walk(node);
  return out;
}
