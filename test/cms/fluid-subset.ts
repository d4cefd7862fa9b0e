/**
 * A small renderer for exactly the part of TYPO3 Fluid that the w4g_calendar template uses, so
 * that the template can be rendered here without TYPO3 (which cannot be installed in CI). It
 * throws on every construct outside that subset, so the template cannot silently use something
 * this test does not understand:
 *
 * - `{a.b.c}` in text and in HTML attribute values: the variable, HTML-escaped as Fluid's
 *   escaping interceptor does (htmlspecialchars with ENT_QUOTES); missing values are empty,
 *   arrays and objects are an error;
 * - `{a.b -> f:format.raw()}`: unescaped, and only for the paths listed in `rawAllowed`;
 * - `<f:layout name="…" />`: the template is rendered through its section "Main" (with all
 *   variables, as fluid_styled_content's Default layout does; the layout's own frame and
 *   header are not part of this subset);
 * - `<f:section name="…">`, `<f:render section="…" arguments="{name: path, …}" />` (the
 *   section sees only its arguments, as in Fluid);
 * - `<f:if condition="{path}">` with a body or with `<f:then>` / `<f:else>` (Fluid's
 *   truthiness: null, false, 0, '', '0' and empty arrays are false);
 * - `<f:for each="{path}" as="name">`;
 * - `<f:asset.script identifier src type />`: collected in `assets`, no inline output;
 * - `<f:comment>`: nothing.
 */

type Value = unknown;

interface TextNode {
  kind: 'text';
  text: string;
}

interface HelperNode {
  kind: 'helper';
  name: string;
  args: Record<string, string>;
  children: FluidNode[];
}

type FluidNode = TextNode | HelperNode;

export interface Asset {
  identifier: string;
  src: string;
  type: string;
}

export interface FluidResult {
  html: string;
  assets: Asset[];
  layout: string;
}

const HELPERS: Record<string, { args: string[]; required: string[]; selfClosing?: boolean }> = {
  layout: { args: ['name'], required: ['name'], selfClosing: true },
  section: { args: ['name'], required: ['name'] },
  render: { args: ['section', 'arguments'], required: ['section'], selfClosing: true },
  if: { args: ['condition'], required: ['condition'] },
  then: { args: [], required: [] },
  else: { args: [], required: [] },
  for: { args: ['each', 'as'], required: ['each', 'as'] },
  'asset.script': { args: ['identifier', 'src', 'type'], required: ['identifier', 'src'], selfClosing: true },
  comment: { args: [], required: [] },
};

const PATH = /^[A-Za-z_]\w*(?:\.\w+)*$/;

class FluidSubsetError extends Error {}

function fail(message: string): never {
  throw new FluidSubsetError(`Fluid subset: ${message}`);
}

function parseArgs(source: string, helper: string): Record<string, string> {
  const args: Record<string, string> = {};
  const rest = source.replace(/\s*([\w.-]+)="([^"]*)"/g, (_, name: string, value: string) => {
    if (name in args) fail(`f:${helper} repeats ${name}`);
    args[name] = value;
    return '';
  });
  if (rest.trim()) fail(`f:${helper} has arguments that are not name="value": ${rest.trim()}`);
  const spec = HELPERS[helper]!;
  for (const name of Object.keys(args))
    if (!spec.args.includes(name)) fail(`f:${helper} argument "${name}" is outside the subset`);
  for (const name of spec.required) if (!(name in args)) fail(`f:${helper} needs ${name}`);
  return args;
}

/** The template as a tree of text and f: ViewHelpers; any other namespace or unknown helper throws. */
export function parseTemplate(template: string): FluidNode[] {
  const root: HelperNode = { kind: 'helper', name: '#root', args: {}, children: [] };
  const stack: HelperNode[] = [root];
  const tag = /<(\/?)([A-Za-z][\w-]*):([\w.]+)((?:\s+[\w.-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of template.matchAll(tag)) {
    const [whole, closing, ns, name, argText = '', selfClose] = m;
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push({ kind: 'text', text: template.slice(last, m.index) });
    last = m.index + whole.length;
    if (ns !== 'f') fail(`namespace "${ns}:" is outside the subset (${whole})`);
    if (!(name! in HELPERS)) fail(`f:${name} is outside the subset`);
    if (closing) {
      if (top.name !== name) fail(`</f:${name}> closes <f:${top.name}>`);
      stack.pop();
      continue;
    }
    const node: HelperNode = { kind: 'helper', name: name!, args: parseArgs(argText, name!), children: [] };
    top.children.push(node);
    if (HELPERS[name!]!.selfClosing && !selfClose) fail(`f:${name} must be self-closing here`);
    if (!selfClose) stack.push(node);
  }
  if (stack.length !== 1) fail(`<f:${stack[stack.length - 1]!.name}> is not closed`);
  if (last < template.length) root.children.push({ kind: 'text', text: template.slice(last) });
  for (const node of root.children)
    if (node.kind === 'text' && /<\/?[A-Za-z][\w-]*:/.test(node.text)) fail('a malformed namespaced tag');
  return root.children;
}

function lookup(variables: Record<string, Value>, path: string): Value {
  if (!PATH.test(path)) fail(`"${path}" is not a variable path`);
  let value: Value = variables;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, Value>)[part];
  }
  return value;
}

/** A whole-argument `{path}`: the value itself. */
function argumentValue(source: string, variables: Record<string, Value>): Value {
  const m = /^\{([^{}]*)\}$/.exec(source.trim());
  if (!m) fail(`argument "${source}" is not a single {variable}`);
  return lookup(variables, m[1]!.trim());
}

/** `{name: path, other: path}`: Fluid's array syntax with variable values. */
function argumentsObject(source: string, variables: Record<string, Value>): Record<string, Value> {
  const m = /^\{(.*)\}$/s.exec(source.trim());
  if (!m) fail(`arguments "${source}" are not {name: path, …}`);
  const out: Record<string, Value> = {};
  for (const pair of m[1]!.split(',')) {
    const p = /^\s*(\w+)\s*:\s*([\w.]+)\s*$/.exec(pair);
    if (!p) fail(`argument pair "${pair}" is outside the subset`);
    out[p[1]!] = lookup(variables, p[2]!);
  }
  return out;
}

function truthy(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return !(value === undefined || value === null || value === false || value === 0 || value === '' || value === '0');
}

function asString(value: Value, path: string): string {
  if (value === undefined || value === null || value === false) return '';
  if (value === true) return '1';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return fail(`{${path}} is not a scalar (${typeof value})`);
}

/** PHP's htmlspecialchars($value, ENT_QUOTES), which Fluid's escaping interceptor applies. */
export function htmlspecialchars(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' })[c]!);
}

export function renderFluidSubset(
  template: string,
  variables: Record<string, Value>,
  options: { rawAllowed: string[] },
): FluidResult {
  const nodes = parseTemplate(template);
  const sections = new Map<string, FluidNode[]>();
  const assets: Asset[] = [];
  let layout = '';
  for (const node of nodes) {
    if (node.kind === 'helper' && node.name === 'section') {
      if (sections.has(node.args['name']!)) fail(`section ${node.args['name']} is defined twice`);
      sections.set(node.args['name']!, node.children);
    } else if (node.kind === 'helper' && node.name === 'layout') {
      layout = node.args['name']!;
    } else if (node.kind === 'helper' && node.name !== 'comment') {
      fail(`f:${node.name} outside a section is outside the subset`);
    } else if (node.kind === 'text' && node.text.trim()) {
      fail(`text outside a section: ${node.text.trim().slice(0, 40)}`);
    }
  }
  if (!layout) fail('the template must name a layout (f:layout)');
  const main = sections.get('Main') ?? fail('no section "Main"');

  const text = (source: string, vars: Record<string, Value>): string =>
    source.replace(/\{([^{}]*)\}/g, (_, inner: string) => {
      const raw = /^\s*([\w.]+)\s*->\s*f:format\.raw\(\)\s*$/.exec(inner);
      if (raw) {
        if (!options.rawAllowed.includes(raw[1]!)) fail(`f:format.raw on {${raw[1]}} is not allowed`);
        return asString(lookup(vars, raw[1]!), raw[1]!);
      }
      if (inner.includes('->') || inner.includes('(')) fail(`inline ViewHelper {${inner}} is outside the subset`);
      return htmlspecialchars(asString(lookup(vars, inner.trim()), inner.trim()));
    });

  const render = (list: FluidNode[], vars: Record<string, Value>): string => {
    let out = '';
    for (const node of list) {
      if (node.kind === 'text') {
        if (/[{}]/.test(node.text.replace(/\{[^{}]*\}/g, ''))) fail(`unbalanced braces in "${node.text.trim().slice(0, 60)}"`);
        out += text(node.text, vars);
        continue;
      }
      switch (node.name) {
        case 'comment':
          break;
        case 'asset.script':
          assets.push({ identifier: node.args['identifier']!, src: node.args['src']!, type: node.args['type'] ?? '' });
          break;
        case 'render': {
          const section = sections.get(node.args['section']!) ?? fail(`no section "${node.args['section']}"`);
          out += render(section, node.args['arguments'] ? argumentsObject(node.args['arguments'], vars) : {});
          break;
        }
        case 'if': {
          const condition = truthy(argumentValue(node.args['condition']!, vars));
          const branches = node.children.filter(
            (c): c is HelperNode => c.kind === 'helper' && (c.name === 'then' || c.name === 'else'),
          );
          if (branches.length) {
            for (const c of node.children) {
              if (c.kind === 'text' ? c.text.trim() !== '' : c.name !== 'then' && c.name !== 'else') {
                fail('f:if with f:then/f:else may contain nothing else');
              }
            }
            const branch = branches.find((b) => b.name === (condition ? 'then' : 'else'));
            if (branch) out += render(branch.children, vars);
          } else if (condition) {
            out += render(node.children, vars);
          }
          break;
        }
        case 'for': {
          const each = argumentValue(node.args['each']!, vars);
          const items = Array.isArray(each) ? each : each && typeof each === 'object' ? Object.values(each) : [];
          for (const item of items) out += render(node.children, { ...vars, [node.args['as']!]: item });
          break;
        }
        default:
          fail(`f:${node.name} is not allowed here`);
      }
    }
    return out;
  };

  return { html: render(main, variables), assets, layout };
}
