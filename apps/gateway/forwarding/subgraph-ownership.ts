import {
  getNamedType,
  getOperationAST,
  isSpecifiedScalarType,
  Kind,
  OperationTypeNode,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/** One subgraph as the supergraph names it: its name and where it answers. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

const argument = (directive: DirectiveNode, name: string) =>
  directive.arguments?.find((a) => a.name.value === name)?.value;

const stringArgument = (directive: DirectiveNode, name: string): string | undefined => {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING || value?.kind === Kind.ENUM ? value.value : undefined;
};

const isTrue = (directive: DirectiveNode, name: string): boolean => {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN && value.value;
};

/**
 * Which subgraph can resolve each type and field of the supergraph by itself, read from its
 * join directives (https://specs.apollo.dev/join/v0.5). A field counts for a subgraph only
 * when that subgraph resolves it plainly: not external to it, not needing other subgraphs'
 * fields (`requires`, context arguments), not overridden away, with the supergraph's type.
 * Anything else, or an interface object, makes the field no subgraph's alone.
 */
export class SubgraphOwnership {
  readonly endpoints = new Map<string, SubgraphEndpoint>();
  /** Type name -> the subgraphs that define it. */
  private readonly types = new Map<string, Set<string>>();
  /** "Type.field" -> the subgraphs that resolve it plainly. */
  private readonly fields = new Map<string, Set<string>>();
  /** Enum name -> the subgraphs that know every one of its values. */
  private readonly enums = new Map<string, Set<string>>();

  constructor(supergraphSdl: string) {
    const document = parse(supergraphSdl, { noLocation: true });
    const graphs = new Map<string, string>();
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph')
        continue;
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = graph && stringArgument(graph, 'name');
        const url = graph && stringArgument(graph, 'url');
        if (name && url) {
          graphs.set(value.name.value, name);
          this.endpoints.set(name, { name, url });
        }
      }
    }
    const graphOf = (directive: DirectiveNode) => {
      const enumValue = stringArgument(directive, 'graph');
      return enumValue ? graphs.get(enumValue) : undefined;
    };

    for (const definition of document.definitions) {
      if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
      const typeName = definition.name.value;
      const typeGraphs = new Set<string>();
      let interfaceObject = false;
      for (const directive of definition.directives ?? []) {
        if (directive.name.value !== 'join__type') continue;
        const graph = graphOf(directive);
        if (graph) typeGraphs.add(graph);
        if (isTrue(directive, 'isInterfaceObject')) interfaceObject = true;
      }
      if (interfaceObject) continue; // resolved across subgraphs: never one's alone
      this.types.set(typeName, typeGraphs);

      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
        const knowing = new Set(typeGraphs);
        for (const value of definition.values ?? []) {
          const valueGraphs = (value.directives ?? [])
            .filter((d) => d.name.value === 'join__enumValue')
            .map(graphOf);
          if (valueGraphs.length === 0) continue; // every graph of the enum knows it
          for (const graph of [...knowing]) if (!valueGraphs.includes(graph)) knowing.delete(graph);
        }
        this.enums.set(typeName, knowing);
      }

      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
      )
        continue;
      for (const field of definition.fields ?? []) {
        const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
        const plain = new Set<string>();
        if (joins.length === 0) {
          for (const graph of typeGraphs) plain.add(graph);
        }
        for (const join of joins) {
          const graph = graphOf(join);
          const tangled =
            isTrue(join, 'external') ||
            isTrue(join, 'usedOverridden') ||
            argument(join, 'requires') !== undefined ||
            argument(join, 'contextArguments') !== undefined ||
            argument(join, 'type') !== undefined;
          if (graph && !tangled) plain.add(graph);
        }
        this.fields.set(`${typeName}.${field.name.value}`, plain);
      }
    }
  }

  /** The subgraphs that resolve `type.field` by themselves (none when unknown). */
  fieldOwners(typeName: string, fieldName: string): ReadonlySet<string> {
    return this.fields.get(`${typeName}.${fieldName}`) ?? NONE;
  }

  /** The subgraphs that define the type (for an enum: that know every value of it). */
  typeOwners(typeName: string): ReadonlySet<string> {
    return this.enums.get(typeName) ?? this.types.get(typeName) ?? NONE;
  }
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The one subgraph that can answer the whole operation by itself, or null: a query or
 * mutation, alone in its document, every field, type condition and variable type of which
 * that subgraph resolves plainly. The gateway then has nothing to plan or join, and sends the
 * operation as written.
 */
export function soleSubgraphOf(
  ownership: SubgraphOwnership,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): string | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return null;
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation === OperationTypeNode.SUBSCRIPTION) return null;

  // The subgraphs that could still answer everything seen so far; none ends the walk.
  let candidates: ReadonlySet<string> | null = null;
  const keepOnly = (owners: ReadonlySet<string>) => {
    candidates = new Set([...(candidates ?? owners)].filter((graph) => owners.has(graph)));
    return candidates.size > 0 ? undefined : BREAK;
  };
  const refuse = () => keepOnly(NONE);
  const typeInfo = new TypeInfo(schema);
  // Every input type the operation names or writes a value of, down to the fields of input
  // objects and enum literals.
  const checkInputType = () => {
    const type = typeInfo.getInputType();
    if (!type) return refuse();
    const named = getNamedType(type);
    return isSpecifiedScalarType(named) ? undefined : keepOnly(ownership.typeOwners(named.name));
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') return undefined;
        const parent = typeInfo.getParentType();
        if (name.startsWith('__') || !parent) return refuse();
        return keepOnly(ownership.fieldOwners(parent.name, name));
      },
      InlineFragment(node) {
        return node.typeCondition
          ? keepOnly(ownership.typeOwners(node.typeCondition.name.value))
          : undefined;
      },
      FragmentDefinition(node) {
        return keepOnly(ownership.typeOwners(node.typeCondition.name.value));
      },
      VariableDefinition: checkInputType,
      Argument: checkInputType,
      ObjectField: checkInputType,
      Directive(node) {
        // @include and @skip mean the same everywhere; anything else (@defer) is the planner's.
        return node.name.value === 'include' || node.name.value === 'skip' ? undefined : refuse();
      },
    }),
  );
  const found = candidates as ReadonlySet<string> | null;
  return found?.size === 1 ? [...found][0] : null;
}
