import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectsField } from '#libs/graphql/selection.js';

const schema = buildSchema(`
  type Encounter { minutes: Int }
  type Contact { totalMinutes: Int, encounters: [Encounter] }
  type Query { contacts: [Contact] }
`);

/** Whether the contacts field's resolver is told that encounters were asked for. */
async function asksForEncounters(query: string): Promise<boolean> {
  let asked: boolean | undefined;
  const result = await graphql({
    schema,
    source: query,
    rootValue: {
      contacts: (_: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        asked = selectsField(info, 'encounters');
        return [];
      },
    },
  });
  assert.equal(result.errors, undefined);
  assert.notEqual(asked, undefined);
  return asked as boolean;
}

void describe('selectsField', () => {
  void it('sees a field asked for directly, under an alias, or in fragments', async () => {
    assert.equal(await asksForEncounters('{ contacts { totalMinutes } }'), false);
    assert.equal(await asksForEncounters('{ contacts { encounters { minutes } } }'), true);
    assert.equal(await asksForEncounters('{ contacts { e: encounters { minutes } } }'), true);
    assert.equal(
      await asksForEncounters('{ contacts { ... on Contact { encounters { minutes } } } }'),
      true,
    );
    assert.equal(
      await asksForEncounters(
        '{ contacts { ...C } } fragment C on Contact { totalMinutes ...D } fragment D on Contact { encounters { minutes } }',
      ),
      true,
    );
    assert.equal(
      await asksForEncounters('{ contacts { ...C } } fragment C on Contact { totalMinutes }'),
      false,
    );
  });

  void it('counts a field under @skip or @include as asked for', async () => {
    assert.equal(
      await asksForEncounters(
        '{ contacts { totalMinutes encounters @skip(if: true) { minutes } } }',
      ),
      true,
    );
  });
});
