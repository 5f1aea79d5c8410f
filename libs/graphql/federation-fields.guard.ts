import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '#libs/graphql/context.js';
import { refusalOf } from '#libs/auth/refusal.js';

/**
 * The federation root fields (`_entities`, `_service`) are built by
 * @apollo/subgraph, not by Nest, so the access guard never sees them, and
 * Nest runs no guard on the reference resolvers `_entities` calls. This wraps
 * each of them with its entry in OPERATION_POLICIES, so the one table holds for
 * them too (an entry missing means no access). Each reference resolver then
 * applies the organisation scope of its entity itself.
 */
export function guardFederationRootFields(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    if (!field.name.startsWith('_')) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    const operation = `Query.${field.name}`;
    field.resolve = (source, args, context: RequestContext, info) => {
      const refusal = refusalOf(operation, context.principal);
      if (refusal) throw refusal;
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
