import sharp, { type Metadata } from 'sharp';
import { BadUserInputError } from '#libs/common/errors.js';

/** The largest upload: 5 MB decoded (the contract's limit). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MIN_WIDTH = 300;
export const MIN_HEIGHT = 400;
/** Larger sides are refused: no camera makes them, and decoding them costs memory. */
const MAX_SIDE = 10_000;
const STORED = { width: 600, height: 800 };
const THUMBNAIL = { width: 150, height: 200 };

export interface ProcessedPortrait {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

const refuse = (message: string): never => {
  throw new BadUserInputError([{ field: 'imageBase64', message }]);
};

/** The bytes of base64 text (a data: URL prefix is allowed), or a refusal. */
export function decodeBase64Image(text: string): Buffer {
  const body = text.replace(/^data:image\/[\w+.-]+;base64,/, '').replace(/\s+/g, '');
  if (body.length === 0) refuse('is empty: send a JPEG or PNG as base64');
  if (body.length > Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4) {
    refuse(`is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) refuse('is not base64');
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES)
    refuse(`is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  return bytes;
}

/**
 * Checks that the bytes really are a JPEG or PNG by decoding them (not by a
 * name or a type), turns the picture upright by its EXIF orientation, drops
 * every metadata (EXIF with GPS, ICC, XMP), and makes a JPEG of at most
 * 600 x 800 and a thumbnail. Too small (under 300 x 400 once upright), too
 * large, or not an image: BAD_USER_INPUT.
 */
export async function processPortrait(bytes: Buffer): Promise<ProcessedPortrait> {
  const input = () => sharp(bytes, { failOn: 'error', limitInputPixels: MAX_SIDE * MAX_SIDE });
  let meta: Metadata;
  try {
    meta = await input().metadata();
  } catch {
    return refuse('is not a JPEG or PNG image');
  }
  if (meta.format !== 'jpeg' && meta.format !== 'png') {
    return refuse(
      `is ${meta.format ? `a ${meta.format.toUpperCase()} image` : 'not an image'}: send a JPEG or PNG`,
    );
  }
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  if (width > MAX_SIDE || height > MAX_SIDE) {
    return refuse(`is ${width} x ${height}: at most ${MAX_SIDE} pixels a side`);
  }
  if (width < MIN_WIDTH || height < MIN_HEIGHT) {
    return refuse(
      `is ${width} x ${height}: a portrait needs at least ${MIN_WIDTH} x ${MIN_HEIGHT} pixels`,
    );
  }
  try {
    // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless asked.
    const upright = input().rotate().flatten({ background: '#ffffff' });
    const { data: image, info } = await upright
      .clone()
      .resize({ ...STORED, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await upright
      .clone()
      .resize({ ...THUMBNAIL, fit: 'inside' })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { image, thumbnail, width: info.width, height: info.height };
  } catch {
    return refuse('could not be decoded: the file is damaged or not a JPEG or PNG image');
  }
}
