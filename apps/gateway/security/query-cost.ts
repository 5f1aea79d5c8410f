import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Largest page any list may ask for. */
export const MAX_FIRST = 500;
/** What an unpaginated list of objects counts as (organisations, history...). */
export const UNPAGINATED_LIST_SIZE = 20;

export interface CostProblem {
  kind: 'first';
  field: string;
  first: number;
}

/**
 * The cost of an operation before it runs: each field counts once for every
 * object it may be fetched for, and a paginated field multiplies what is below
 * it by its `first` (given, or its default). So
 * `people(first: 500) { nodes { movements(first: 100) { nodes { id } } } }`
 * costs about 500 * 100. Also reports any `first` above MAX_FIRST.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): { cost: number; problems: CostProblem[] } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation = null;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }
  const problems: CostProblem[] = [];
  if (!operation) return { cost: 0, problems };
  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, problems };

  const firstOf = (
    field: GraphQLField<unknown, unknown>,
    node: {
      arguments?: readonly { name: { value: string }; value: import('graphql').ValueNode }[];
    },
  ): number | null => {
    const definition = field.args.find((a) => a.name === 'first');
    if (!definition) return null;
    const given = node.arguments?.find((a) => a.name.value === 'first');
    const value = given
      ? valueFromAST(given.value, definition.type, variables ?? {})
      : definition.defaultValue;
    return typeof value === 'number' ? value : null;
  };

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    seen: ReadonlySet<string>,
    /** True right below a paginated field: its nodes/edges lists are the page already counted. */
    insidePage: boolean,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !('getFields' in parent)) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        cost += multiplier;
        if (!selection.selectionSet) continue;
        const first = firstOf(field, selection);
        if (first !== null && first > MAX_FIRST) {
          problems.push({ kind: 'first', field: `${parent.name}.${name}`, first });
        }
        const type = getNamedType(field.type);
        if (!isCompositeType(type)) continue;
        const list = isListType(getNullableType(field.type));
        const factor = first ?? (list && !insidePage ? UNPAGINATED_LIST_SIZE : 1);
        cost += walk(
          selection.selectionSet,
          type,
          multiplier * Math.max(factor, 1),
          seen,
          first !== null,
        );
      } else {
        const fragment =
          selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          if (seen.has(selection.name.value)) continue;
        }
        const typeName = fragment.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (!type || !isCompositeType(type)) continue;
        const nextSeen =
          selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
        cost += walk(fragment.selectionSet, type, multiplier, nextSeen, insidePage);
      }
    }
    return cost;
  };
  return { cost: walk(operation.selectionSet, root, 1, new Set(), false), problems };
}
