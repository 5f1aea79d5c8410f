import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Photo {
  @Field({ description: 'A short-lived link to the stored portrait (JPEG).' })
  url!: string;

  @Field({ description: 'A short-lived link to a thumbnail of at most 150 x 200 (JPEG).' })
  thumbnailUrl!: string;

  @Field(() => Int)
  width!: number;

  @Field(() => Int)
  height!: number;

  @Field()
  takenAt!: Date;
}
