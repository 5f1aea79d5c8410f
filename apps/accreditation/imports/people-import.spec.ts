import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrayLiteral } from '#apps/accreditation/imports/people-import.service.js';

describe('array literals for set-based inserts', () => {
  it('quote every element and escape quotes and backslashes', () => {
    assert.equal(arrayLiteral([]), '{}');
    assert.equal(arrayLiteral(['NST;BIA', '*']), '{"NST;BIA","*"}');
    assert.equal(
      arrayLiteral(['a "b"', 'c\\d', 'NULL', 'x,y', '{z}']),
      '{"a \\"b\\"","c\\\\d","NULL","x,y","{z}"}',
    );
  });
});
