import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

@ObjectType({ description: 'An accreditation category of the Games, e.g. Aa Athlete.' })
export class AccreditationCategory {
  @Field()
  code!: string;

  @Field()
  name!: string;
}

@Resolver(() => AccreditationCategory)
export class CategoriesResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => [AccreditationCategory], {
    description: 'The categories a person may be registered in, by code.',
  })
  accreditationCategories(): Promise<AccreditationCategory[]> {
    return this.dataSource.query(AccreditationSql.categories.list);
  }
}
