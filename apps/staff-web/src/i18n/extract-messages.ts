import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One message as the source declares it: its id and its English text. */
export interface SourceMessage {
  id: string;
  defaultMessage: string;
  file: string;
}

/** Where the source declares a message, but not in a form that can be read without running it. */
export interface Unreadable {
  file: string;
  line: number;
  problem: string;
}

const MESSAGE_CALLS = new Set(['defineMessage', 'formatMessage']);

/**
 * The messages the client's source uses, read the way FormatJS's extractor does:
 * `defineMessages({ key: { id, defaultMessage } })`, `defineMessage({...})`,
 * `formatMessage({...})` and `<FormattedMessage id defaultMessage />`, each with
 * literal strings. Tests and generated code are left out.
 */
export function extractMessages(srcDir: string): {
  messages: SourceMessage[];
  unreadable: Unreadable[];
  /** Words written straight into the markup instead of coming from a catalogue. */
  literals: Unreadable[];
} {
  const messages: SourceMessage[] = [];
  const unreadable: Unreadable[] = [];
  const literals: Unreadable[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const name = path.relative(srcDir, file);
    const problem = (node: ts.Node, what: string) =>
      unreadable.push({
        file: name,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        problem: what,
      });

    const literal = (node: ts.Node, text: string) =>
      literals.push({
        file: name,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        problem: JSON.stringify(text.trim()),
      });

    /** A string with words shown as it is: JSX text, a text attribute, a branch of `{a ? 'x' : 'y'}`. */
    const shownLiterally = (node: ts.Node | undefined) => {
      if (!node) return;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        if (HAS_WORDS.test(node.text)) literal(node, node.text);
      } else if (ts.isTemplateExpression(node)) {
        const text = [node.head.text, ...node.templateSpans.map((t) => t.literal.text)].join(' ');
        if (HAS_WORDS.test(text)) literal(node, text);
      } else if (ts.isParenthesizedExpression(node) || ts.isJsxExpression(node)) {
        shownLiterally(node.expression);
      } else if (ts.isConditionalExpression(node)) {
        shownLiterally(node.whenTrue);
        shownLiterally(node.whenFalse);
      } else if (ts.isBinaryExpression(node)) {
        shownLiterally(node.right);
      }
    };

    const fromObject = (node: ts.Expression) => {
      if (!ts.isObjectLiteralExpression(node)) return;
      const id = literalProperty(node, 'id');
      const defaultMessage = literalProperty(node, 'defaultMessage');
      if (id === undefined && defaultMessage === undefined) return;
      if (typeof id !== 'string' || typeof defaultMessage !== 'string') {
        problem(node, 'a message needs a literal id and a literal defaultMessage');
        return;
      }
      messages.push({ id, defaultMessage, file: name });
    };

    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = calleeName(node.expression);
        const [first] = node.arguments;
        if (callee === 'defineMessages' && first && ts.isObjectLiteralExpression(first)) {
          for (const property of first.properties) {
            if (ts.isPropertyAssignment(property)) fromObject(property.initializer);
          }
        } else if (callee && MESSAGE_CALLS.has(callee) && first) {
          fromObject(first);
        }
      }
      if (
        (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) &&
        node.tagName.getText(source) === 'FormattedMessage'
      ) {
        const id = jsxAttribute(node, 'id');
        const defaultMessage = jsxAttribute(node, 'defaultMessage');
        // `<FormattedMessage {...descriptor} />`: the descriptor is read where it is declared.
        const spread = node.attributes.properties.some(ts.isJsxSpreadAttribute);
        if (spread && id === undefined && defaultMessage === undefined) {
          ts.forEachChild(node, visit);
          return;
        }
        if (typeof id !== 'string' || typeof defaultMessage !== 'string') {
          problem(node, '<FormattedMessage> needs a literal id and a literal defaultMessage');
        } else {
          messages.push({ id, defaultMessage, file: name });
        }
      }
      if (ts.isJsxText(node) && HAS_WORDS.test(node.text)) literal(node, node.text);
      if (ts.isJsxExpression(node) && node.parent && !ts.isJsxAttribute(node.parent)) {
        shownLiterally(node.expression);
      }
      if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source))) {
        shownLiterally(node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, unreadable, literals };
}

/** Letters in any script: what a reader reads, unlike `{' · '}` or `'—'`. */
const HAS_WORDS = /\p{L}{2,}/u;

/** Attributes a person reads or hears (our components' own among them). */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'title',
  'placeholder',
  'alt',
  'label',
  'caption',
  'hint',
  'emptyLabel',
  'text',
]);

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'gql' && entry.name !== 'test') files.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files.sort();
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function stringOf(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxExpression(node)) return stringOf(node.expression);
  if (ts.isParenthesizedExpression(node)) return stringOf(node.expression);
  return undefined;
}

/** A property's literal string; null when present but not literal; undefined when absent. */
function literalProperty(node: ts.ObjectLiteralExpression, key: string): string | null | undefined {
  const property = node.properties.find(
    (p): p is ts.PropertyAssignment =>
      ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key,
  );
  if (!property) return undefined;
  return stringOf(property.initializer) ?? null;
}

function jsxAttribute(
  node: ts.JsxSelfClosingElement | ts.JsxOpeningElement,
  key: string,
): string | undefined {
  for (const attribute of node.attributes.properties) {
    if (ts.isJsxAttribute(attribute) && attribute.name.getText() === key) {
      return stringOf(attribute.initializer);
    }
  }
  return undefined;
}
