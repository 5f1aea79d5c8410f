import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import sharp from 'sharp';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { eventually } from '#test/support/eventually.js';
import { connect } from '#test/accreditation/support.js';

const SET_PHOTO = `mutation($personId: ID!, $image: String!) {
  setPersonPhoto(personId: $personId, imageBase64: $image) {
    id photo { url thumbnailUrl width height takenAt } } }`;
const PHOTO = `query($id: ID!) { person(id: $id) { photo { url thumbnailUrl width height takenAt } } }`;

interface PhotoView {
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  takenAt: string;
}

/** A picture as a camera makes it: sideways with an EXIF orientation, and metadata to strip. */
async function cameraJpeg(width: number, height: number, orientation = 1): Promise<string> {
  const bytes = await sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 120, b: 60 } },
  })
    .jpeg()
    .withMetadata({ orientation, exif: { IFD0: { Copyright: 'Photographer 2022', Artist: 'X' } } })
    .toBuffer();
  return bytes.toString('base64');
}

async function png(width: number, height: number): Promise<string> {
  const bytes = await sharp({
    create: { width, height, channels: 4, background: { r: 10, g: 80, b: 160, alpha: 1 } },
  })
    .png()
    .toBuffer();
  return bytes.toString('base64');
}

describe('portraits, through the gateway', () => {
  let system: RunningSystem;
  let db: pg.Client;
  let officer: GraphQLClient;
  let inspector: GraphQLClient;
  let viewer: GraphQLClient;
  let organisationId: string;
  const origin = () => new URL(system.url).origin;

  before(async () => {
    // The default: approval needs a portrait.
    system = await startSystem({
      label: 'accreditation_photos',
      env: { PORTRAIT_REQUIRED_FOR_APPROVAL: 'true' },
    });
    db = await connect(system.databaseUrl);
    [officer, inspector, viewer] = await Promise.all([
      given(system).user(['ACCREDITATION_OFFICER']),
      given(system).user(['INSPECTION_OFFICER']),
      given(system).user(['VIEWER']),
    ]);
    organisationId = (await given(system).organisation()).id;
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  const setPhoto = async (personId: string, image: string) =>
    (await officer.query<{ setPersonPhoto: { photo: PhotoView } }>(SET_PHOTO, { personId, image }))
      .setPersonPhoto.photo;
  const refusal = async (personId: string, image: string) => {
    const [error] = await officer.errors(SET_PHOTO, { personId, image });
    return [
      error.extensions?.code,
      (error.extensions?.fields as { message: string }[])?.[0]?.message,
    ];
  };

  it('stores a camera picture upright, without metadata, as a JPEG of at most 600 x 800 with a thumbnail', async () => {
    const person = await given(system).person(organisationId);
    // 1600 x 1200 stored sideways (orientation 6: turn 90°): upright it is 1200 x 1600.
    const photo = await setPhoto(person.id, await cameraJpeg(1600, 1200, 6));
    assert.deepEqual([photo.width, photo.height], [600, 800]);
    assert.ok(photo.url.startsWith('/files/photos/'));

    const image = await fetch(`${origin()}${photo.url}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await image.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 600, 800]);
    assert.equal(meta.exif, undefined, 'EXIF stripped');
    assert.equal(meta.orientation, undefined, 'turned upright, no orientation left');
    assert.ok(!bytes.includes(Buffer.from('Photographer 2022')));

    const thumb = await sharp(
      Buffer.from(await (await fetch(`${origin()}${photo.thumbnailUrl}`)).arrayBuffer()),
    ).metadata();
    assert.deepEqual([thumb.width, thumb.height], [150, 200]);

    // A PNG is taken too, and a smaller picture is not enlarged.
    const fromPng = await setPhoto(person.id, `data:image/png;base64,${await png(300, 400)}`);
    assert.deepEqual([fromPng.width, fromPng.height], [300, 400]);
  });

  it('refuses what is not a JPEG or PNG, too small or too large, naming the field', async () => {
    const person = await given(system).person(organisationId);
    const gif = (
      await sharp({ create: { width: 400, height: 500, channels: 3, background: '#888' } })
        .gif()
        .toBuffer()
    ).toString('base64');
    const truncated = (await cameraJpeg(600, 800)).slice(0, 400);
    const cases: [string, RegExp][] = [
      [Buffer.from('%PDF-1.7 not a portrait').toString('base64'), /not a JPEG or PNG/],
      [gif, /GIF image: send a JPEG or PNG/],
      [truncated, /not a JPEG or PNG|could not be decoded/],
      [await cameraJpeg(299, 400), /299 x 400: a portrait needs at least 300 x 400/],
      [await cameraJpeg(400, 300), /400 x 300: a portrait needs at least 300 x 400/],
      [randomBytes(5 * 1024 * 1024 + 10).toString('base64'), /larger than 5 MB/],
      ['not base64 at all!', /not base64/],
    ];
    for (const [image, message] of cases) {
      const [code, problem] = await refusal(person.id, image);
      assert.equal(code, 'BAD_USER_INPUT');
      assert.match(String(problem), message);
    }
    const { person: after } = await officer.query<{ person: { photo: PhotoView | null } }>(PHOTO, {
      id: person.id,
    });
    assert.equal(after.photo, null);
  });

  it('shows portraits to the office and the gates only, audits each view, and refuses a forged link', async () => {
    const person = await given(system).person(organisationId);
    await setPhoto(person.id, await cameraJpeg(600, 800));
    const seenBy = async (client: GraphQLClient) =>
      (await client.query<{ person: { photo: PhotoView | null } }>(PHOTO, { id: person.id })).person
        .photo;
    assert.equal(await seenBy(viewer), null);
    const photo = (await seenBy(inspector))!;
    assert.ok(photo);
    await eventually(async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit.events WHERE action = 'read:Person.photo' AND person_id = $1`,
        [person.id],
      );
      assert.ok(rows[0].n >= 1);
    });
    const [forbidden] = await inspector.errors(SET_PHOTO, {
      personId: person.id,
      image: await cameraJpeg(600, 800),
    });
    assert.equal(forbidden.extensions?.code, 'FORBIDDEN');

    const forged = photo.url.replace(/sig=[\w-]+/, 'sig=AAAA');
    assert.equal((await fetch(`${origin()}${forged}`)).status, 403);
    const otherPerson = photo.url.replace(
      person.id,
      (await given(system).person(organisationId)).id,
    );
    assert.equal((await fetch(`${origin()}${otherPerson}`)).status, 403);
    const later = photo.url.replace(/exp=(\d+)/, (_, exp: string) => `exp=${Number(exp) + 3600}`);
    assert.equal((await fetch(`${origin()}${later}`)).status, 403);
    assert.equal((await fetch(`${origin()}/files/photos/a%2F..%2Fb/full`)).status, 404);
  });

  it('approval needs a portrait, with a CONFLICT that says so', async () => {
    const person = await given(system).person(organisationId);
    const approve = `mutation($id: ID!) { approveAccreditation(id: $id) { status } }`;
    const [error] = await officer.errors(approve, { id: person.accreditationId });
    assert.equal(error.extensions?.code, 'CONFLICT');
    assert.match(error.message, /has no portrait: take or upload one before approval/);
    await setPhoto(person.id, await cameraJpeg(600, 800));
    const { approveAccreditation } = await officer.query<{
      approveAccreditation: { status: string };
    }>(approve, { id: person.accreditationId });
    assert.equal(approveAccreditation.status, 'APPROVED');
  });

  it('approveAccreditations approves all or nothing, naming every one in the way', async () => {
    const g = given(system);
    const ready = await Promise.all([1, 2, 3].map(() => g.person(organisationId)));
    for (const p of ready) await setPhoto(p.id, await cameraJpeg(600, 800));
    const noPortrait = await g.person(organisationId);
    const approved = await g.person(organisationId);
    await setPhoto(approved.id, await cameraJpeg(600, 800));
    await g.approve(approved.accreditationId);
    const many = `mutation($ids: [ID!]!) { approveAccreditations(ids: $ids) { id status cardToken } }`;
    const statusOf = async (id: string) =>
      (
        await db.query<{ status: string }>(
          'SELECT status FROM accreditation.accreditations WHERE id = $1',
          [id],
        )
      ).rows[0].status;

    const [conflict] = await officer.errors(many, {
      ids: [
        ...ready.map((p) => p.accreditationId),
        noPortrait.accreditationId,
        approved.accreditationId,
      ],
    });
    assert.equal(conflict.extensions?.code, 'CONFLICT');
    const named = (conflict.extensions?.accreditations as { id: string; message: string }[]).map(
      (a) => a.id,
    );
    assert.deepEqual(named.sort(), [noPortrait.accreditationId, approved.accreditationId].sort());
    assert.match(conflict.message, new RegExp(`${noPortrait.cardNumber}.*has no portrait`));
    assert.match(conflict.message, new RegExp(`${approved.cardNumber}.*is APPROVED`));
    for (const p of ready) assert.equal(await statusOf(p.accreditationId), 'SUBMITTED');

    const [unknown] = await officer.errors(many, {
      ids: [ready[0].accreditationId, '00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(unknown.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      (unknown.extensions?.fields as { field: string }[]).map((f) => f.field),
      ['ids[1]'],
    );

    const ids = ready.map((p) => p.accreditationId).reverse();
    const { approveAccreditations } = await officer.query<{
      approveAccreditations: { id: string; status: string; cardToken: string }[];
    }>(many, { ids });
    assert.deepEqual(
      approveAccreditations.map((a) => [a.id, a.status]),
      ids.map((id) => [id, 'APPROVED']),
    );
    for (const a of approveAccreditations) assert.ok(a.cardToken.length <= 200);
    const [tooMany] = await officer.errors(many, {
      ids: Array.from({ length: 1001 }, () => ready[0].accreditationId),
    });
    assert.equal(tooMany.extensions?.code, 'BAD_USER_INPUT');
  });
});
