import {
  PDFDocument,
  StandardFonts,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
  type PDFFont,
  type PDFOperator,
  type PDFImage,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';

/** One card to print: what the holder shows at a gate. */
export interface CardPrint {
  cardNumber: string;
  givenName: string;
  familyName: string;
  organisation: string;
  function: string;
  category: string;
  categoryName: string | null;
  venues: string[];
  zones: string[];
  validFrom: Date;
  validUntil: Date;
  /** The signed QR payload (base45, QR alphanumeric mode). */
  cardToken: string;
  /** The stored portrait (JPEG), or null when none is on file. */
  portrait: Buffer | null;
}

const MM = 72 / 25.4;
/** ID-1 (ISO/IEC 7810): 85.6 x 54 mm. */
export const CARD_WIDTH_MM = 85.6;
export const CARD_HEIGHT_MM = 54;
/**
 * The QR code with its quiet zone: 40 mm, a tenth of the 40 cm a phone is held
 * at (the usual rule); a 200-character token is a version 8 code (49 modules),
 * so a module is about 0.7 mm.
 */
export const QR_SIZE_MM = 40;
const QR_QUIET_MODULES = 4;
const INK = rgb(0.08, 0.08, 0.1);
const MUTED = rgb(0.35, 0.35, 0.4);
const GAMES = 'BEIJING 2022';

const characterSets = new WeakMap<PDFFont, Set<number>>();

/** Text a standard PDF font can show: characters outside its set become '?'. */
function printable(font: PDFFont, text: string): string {
  let supported = characterSets.get(font);
  if (!supported) characterSets.set(font, (supported = new Set(font.getCharacterSet())));
  return [...text.normalize('NFC')]
    .map((ch) => (supported.has(ch.codePointAt(0)!) ? ch : '?'))
    .join('');
}

/** Shortened with an ellipsis until it fits the width. */
function fitted(font: PDFFont, text: string, size: number, widthPt: number): string {
  let t = printable(font, text);
  if (font.widthOfTextAtSize(t, size) <= widthPt) return t;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, size) > widthPt) t = t.slice(0, -1);
  return `${t}…`;
}

/** The largest size (down to `min`) at which the text fits the width. */
function sizeToFit(font: PDFFont, text: string, max: number, min: number, widthPt: number): number {
  let size = max;
  while (size > min && font.widthOfTextAtSize(text, size) > widthPt) size -= 0.5;
  return size;
}

/** The serial and its check digit, apart: 1234567-4 (a gate types it with or without the dash). */
function withCheckDigit(cardNumber: string): string {
  return `${cardNumber.slice(0, -1)}-${cardNumber.slice(-1)}`;
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The QR code as PDF operators: one filled rectangle per horizontal run of
 * dark modules, its top-left corner at (x, y) points, `side` points wide.
 */
function qrOperators(token: string, x: number, y: number, side: number): PDFOperator[] {
  const qr = QRCode.create(token, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const module = side / (n + 2 * QR_QUIET_MODULES);
  const left = x + QR_QUIET_MODULES * module;
  const top = y - QR_QUIET_MODULES * module;
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingColor(rgb(0, 0, 0))];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      ops.push(
        rectangle(left + start * module, top - (row + 1) * module, (col - start) * module, module),
      );
    }
  }
  ops.push(fill(), popGraphicsState());
  return ops;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Draws at (x, y) in mm from the card's top-left corner (PDF counts from the bottom). */
function text(
  page: PDFPage,
  value: string,
  xMm: number,
  yMm: number,
  font: PDFFont,
  size: number,
  color = INK,
) {
  page.drawText(value, { x: xMm * MM, y: (CARD_HEIGHT_MM - yMm) * MM, size, font, color });
}

function drawCard(page: PDFPage, card: CardPrint, fonts: Fonts, portrait: PDFImage | null) {
  const { regular, bold } = fonts;
  // The QR code at the right, with its quiet zone (white), from the top.
  const qrLeft = CARD_WIDTH_MM - QR_SIZE_MM - 1;
  const qrTop = 1;
  page.pushOperators(
    ...qrOperators(card.cardToken, qrLeft * MM, (CARD_HEIGHT_MM - qrTop) * MM, QR_SIZE_MM * MM),
  );
  const qrCentre = qrLeft + QR_SIZE_MM / 2;
  const number = withCheckDigit(card.cardNumber);
  const numberSize = 10;
  text(
    page,
    number,
    qrCentre - bold.widthOfTextAtSize(number, numberSize) / MM / 2,
    qrTop + QR_SIZE_MM + 4.5,
    bold,
    numberSize,
  );
  const validity = `valid ${day(card.validFrom)} to ${day(card.validUntil)}`;
  text(
    page,
    validity,
    qrCentre - regular.widthOfTextAtSize(validity, 6) / MM / 2,
    qrTop + QR_SIZE_MM + 8,
    regular,
    6,
    MUTED,
  );

  // Left: the Games, the portrait, then names and organisation beside it.
  const left = 3;
  text(page, GAMES, left, 4.5, bold, 7, MUTED);
  const photo = { x: left, y: 6.5, w: 19.5, h: 26 };
  if (portrait) {
    page.drawImage(portrait, {
      x: photo.x * MM,
      y: (CARD_HEIGHT_MM - photo.y - photo.h) * MM,
      width: photo.w * MM,
      height: photo.h * MM,
    });
  } else {
    page.drawRectangle({
      x: photo.x * MM,
      y: (CARD_HEIGHT_MM - photo.y - photo.h) * MM,
      width: photo.w * MM,
      height: photo.h * MM,
      borderColor: MUTED,
      borderWidth: 0.5,
    });
    text(page, 'NO PORTRAIT', photo.x + 2.2, photo.y + photo.h / 2, regular, 5.5, MUTED);
  }
  const col = left + photo.w + 1.5;
  const colWidth = (qrLeft - col - 0.5) * MM;
  const category = printable(bold, card.category);
  text(page, category, col, 13, bold, sizeToFit(bold, category, 20, 10, colWidth), INK);
  if (card.categoryName) {
    text(page, fitted(regular, card.categoryName, 5, colWidth), col, 16, regular, 5, MUTED);
  }
  text(page, fitted(regular, card.givenName, 7.5, colWidth), col, 21, regular, 7.5);
  text(page, fitted(bold, card.familyName.toUpperCase(), 8.5, colWidth), col, 25, bold, 8.5);
  text(page, fitted(regular, card.organisation, 6, colWidth), col, 29, regular, 6, MUTED);
  text(page, fitted(regular, card.function, 6, colWidth), col, 32.5, regular, 6, MUTED);

  // Bottom left: the venues and zones, large enough to read at a gate.
  const bandWidth = (qrLeft - left - 0.5) * MM;
  const venues = printable(bold, card.venues.includes('*') ? 'ALL VENUES' : card.venues.join(' '));
  const zones = printable(bold, card.zones.includes('*') ? 'ALL ZONES' : card.zones.join(' '));
  text(page, 'VENUES', left, 37, regular, 5, MUTED);
  text(page, venues, left, 42.5, bold, sizeToFit(bold, venues, 14, 5, bandWidth));
  text(page, 'ZONES', left, 46, regular, 5, MUTED);
  text(page, zones, left, 52, bold, sizeToFit(bold, zones, 16, 6, bandWidth));
}

/**
 * One PDF with a page per card, each page an ID-1 card (85.6 x 54 mm) as a
 * card printer takes it: portrait, names, organisation, function, category,
 * venue and zone codes in large type, validity, the card number with its
 * check digit, and the QR code at 40 mm.
 */
export async function renderCardsPdf(cards: readonly CardPrint[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(cards.length === 1 ? `Card ${cards[0].cardNumber}` : `${cards.length} cards`);
  pdf.setProducer('Games accreditation');
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
  for (const card of cards) {
    const page = pdf.addPage([CARD_WIDTH_MM * MM, CARD_HEIGHT_MM * MM]);
    // A copy: a Buffer from the database may be a view into a larger pooled ArrayBuffer.
    const portrait = card.portrait ? await pdf.embedJpg(new Uint8Array(card.portrait)) : null;
    drawCard(page, card, fonts, portrait);
  }
  return pdf.save({ useObjectStreams: true });
}
