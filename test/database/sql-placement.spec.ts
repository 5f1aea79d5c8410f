import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { REPO_ROOT } from '#tools/paths.js';

/**
 * The statements of each schema live in its module of libs/sql (the DDL in migrations/),
 * so what a migration must keep working is in one place and
 * test/database/sql-modules.service-spec.ts can prepare all of it. This holds the rest of
 * apps/ and libs/ to that: no string or template literal there reads like a statement.
 */

/** A statement's opening, in upper case as every statement of ours is written. */
const STATEMENT =
  /\bSELECT\b[\s\S]*?\bFROM\b|\bSELECT\s+[a-z_.]+\(|\bINSERT\s+INTO\b|\bUPDATE\b[\s\S]{0,80}?\bSET\b|\bDELETE\s+FROM\b/;

/** Where SQL may be written outside libs/sql, and why. */
const EXCEPTIONS: { path: RegExp; why: string }[] = [
  { path: /^libs\/sql\//, why: 'the statements of each schema' },
  {
    path: /^libs\/database\/(migrate|roles|backup|embedded)\.ts$/,
    why: 'database tooling: migrating, roles and grants, backups, the embedded server',
  },
  { path: /^apps\/launcher\/database\.ts$/, why: 'the launcher prepares the database it starts' },
  // Tests write the SQL they seed and inspect with; the staff client has no database.
  { path: /\.(spec|test)\.tsx?$/, why: 'tests' },
  { path: /^apps\/staff-web\//, why: 'the staff client runs in a browser' },
];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(REPO_ROOT, folder), {
    withFileTypes: true,
    recursive: true,
  });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.parentPath.includes('node_modules'))
    .map((e) =>
      path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'),
    );
}

/** The text of every string and template literal of a file (a substitution reads as ` x `). */
function literalsOf(file: string, text: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    let literal: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node)) {
      literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' x ');
    }
    if (literal !== null) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push({ line: line + 1, text: literal });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('where SQL is written', () => {
  it('recognises statements, and not prose', () => {
    for (const statement of [
      'SELECT id FROM accreditation.people',
      'SELECT accreditation.activate_on_arrival($1, $2) AS found',
      'INSERT INTO audit.events (at) VALUES ($1)',
      'UPDATE accreditation. x  SET a = $2 WHERE id = $1',
      'DELETE FROM accreditation.person_photos WHERE person_id = ANY($1)',
    ]) {
      assert.match(statement, STATEMENT);
    }
    for (const prose of ['Select a person from the list', 'update the card', 'SELECT a venue']) {
      assert.doesNotMatch(prose, STATEMENT);
    }
  });

  it('only in libs/sql (and the exceptions named here) in apps/ and libs/', async () => {
    const files = [...(await sourceFiles('apps')), ...(await sourceFiles('libs'))];
    assert.ok(files.includes('libs/sql/accreditation.sql.ts'), 'the scan reads the sources');
    const misplaced: string[] = [];
    for (const file of files) {
      if (EXCEPTIONS.some((e) => e.path.test(file))) continue;
      const text = await readFile(path.join(REPO_ROOT, file), 'utf8');
      for (const literal of literalsOf(file, text)) {
        if (STATEMENT.test(literal.text)) misplaced.push(`${file}:${literal.line}`);
      }
    }
    assert.deepEqual(
      misplaced,
      [],
      'statements outside libs/sql: move them to their schema module',
    );
  });
});
